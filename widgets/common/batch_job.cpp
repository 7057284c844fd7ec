#include "widgets/common/batch_job.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <utility>

namespace avt::widgets {

namespace {

// Takes the complete lines (without "\n" or "\r\n") off the front of buffer.
QList<QByteArray> takeLines(QByteArray &buffer)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (qsizetype end; (end = buffer.indexOf('\n', start)) >= 0; start = end + 1) {
        QByteArray line = buffer.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines << line;
    }
    buffer.remove(0, start);
    return lines;
}

const QByteArray kErrorPrefix = QByteArrayLiteral("avt-workbench ");

} // namespace

BatchJob::BatchJob(QObject *parent)
    : QObject(parent), m_program(QCoreApplication::applicationFilePath()), m_killTimer(new QTimer(this))
{
    m_killTimer->setSingleShot(true);
    m_killTimer->setTimerType(Qt::PreciseTimer); // a coarse one may fire 5 % early
    m_killTimer->setInterval(kKillAfterMs);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process && m_process->state() != QProcess::NotRunning)
            m_process->kill();
    });
}

BatchJob::~BatchJob()
{
    if (!m_process)
        return;
    // Closing with a job running: stop it the way cancel() does, but here we must wait (the
    // QProcess destructor would otherwise kill it at once, mid-item).
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(kKillAfterMs)) {
            m_process->kill();
            m_process->waitForFinished(1000);
        }
    }
}

bool BatchJob::start(const QStringList &batchArgs)
{
    if (m_running)
        return false;
    m_arguments = QStringList{QStringLiteral("--batch")} + batchArgs;
    m_stdoutBuffer.clear();
    m_stderrBuffer.clear();
    m_summary.clear();
    m_lastError.clear();
    m_cancelled = false;
    m_running = true;

    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setArguments(m_arguments);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setInputChannelMode(QProcess::ForwardedInputChannel); // no stdin pipe to keep open
    connect(m_process, &QProcess::readyReadStandardOutput, this, &BatchJob::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &BatchJob::readStderr);
    connect(m_process, &QProcess::finished, this, &BatchJob::onFinished);
    // Queued: a failed start may be reported inside start(); finished() always comes after it returns.
    connect(m_process, &QProcess::errorOccurred, this, &BatchJob::onError, Qt::QueuedConnection);
    m_process->start();
    return true;
}

void BatchJob::cancel()
{
    if (!m_process || m_cancelled)
        return;
    m_cancelled = true;
    if (m_process->state() == QProcess::NotRunning)
        return; // still starting up or already exited: its finished / errorOccurred follows
    m_process->terminate();
    m_killTimer->start();
}

void BatchJob::readStdout()
{
    if (!m_process)
        return;
    m_stdoutBuffer += m_process->readAllStandardOutput();
    for (const QByteArray &line : takeLines(m_stdoutBuffer))
        handleLine(line);
}

void BatchJob::readStderr()
{
    if (!m_process)
        return;
    m_stderrBuffer += m_process->readAllStandardError();
    for (const QByteArray &line : takeLines(m_stderrBuffer))
        if (line.startsWith(kErrorPrefix))
            m_lastError = QString::fromUtf8(line).trimmed();
}

void BatchJob::handleLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    if (!trimmed.startsWith('{'))
        return; // a plain progress bar or log line
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return;
    const QJsonObject o = doc.object();
    const QString name = o.value(QLatin1String("event")).toString();
    if (name.isEmpty())
        return;
    const QString message = o.value(QLatin1String("message")).toString();
    if (name == QLatin1String("progress")) {
        emit progress(qint64(o.value(QLatin1String("done")).toDouble()),
                      qint64(o.value(QLatin1String("total")).toDouble(-1)), message);
        return;
    }
    if (name == QLatin1String("summary"))
        m_summary = message;
    emit eventReceived(name, message);
}

void BatchJob::onFinished(int exitCode, QProcess::ExitStatus status)
{
    // What arrived after the last readyRead, and a last line without its newline.
    readStdout();
    readStderr();
    if (!m_stdoutBuffer.isEmpty())
        handleLine(std::exchange(m_stdoutBuffer, {}));
    if (m_stderrBuffer.startsWith(kErrorPrefix))
        m_lastError = QString::fromUtf8(m_stderrBuffer).trimmed();
    m_stderrBuffer.clear();

    const QString name = QFileInfo(m_program).fileName();
    if (m_cancelled)
        finish(false, tr("Cancelled"));
    else if (status == QProcess::NormalExit && exitCode == 0)
        finish(true, m_summary.isEmpty() ? tr("Done") : m_summary);
    else if (!m_lastError.isEmpty())
        finish(false, m_lastError);
    else if (status == QProcess::CrashExit)
        finish(false, tr("%1 crashed").arg(name));
    else
        finish(false, tr("%1 exited with status %2").arg(name).arg(exitCode));
}

void BatchJob::onError(QProcess::ProcessError error)
{
    // Only a failed start comes without a finished(); the other errors are followed by one.
    if (error != QProcess::FailedToStart || !m_process)
        return;
    finish(false, tr("Cannot start %1: %2").arg(m_program, m_process->errorString()));
}

void BatchJob::finish(bool ok, const QString &message)
{
    m_killTimer->stop();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_running = false;
    emit finished(ok, message);
}

void showJobProgress(QProgressBar *bar, qint64 done, qint64 total)
{
    if (total <= 0) {
        bar->setRange(0, 0);
        return;
    }
    // The bar counts in int; scale totals beyond it.
    const double scale =
        total > std::numeric_limits<int>::max() ? double(std::numeric_limits<int>::max()) / total : 1.0;
    bar->setRange(0, int(total * scale));
    bar->setValue(int(std::clamp(done, qint64(0), total) * scale));
}

} // namespace avt::widgets
