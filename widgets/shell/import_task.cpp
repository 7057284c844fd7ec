#include "widgets/shell/import_task.h"

#include "core/store/workspace.h"

#include <QElapsedTimer>
#include <QtConcurrent>

namespace avt::widgets {

ImportTask::ImportTask(QString workspaceFolder, QString annotationPath, data::ImportOptions options, QObject *parent)
    : QObject(parent), m_workspace(std::move(workspaceFolder)), m_annotation(std::move(annotationPath)),
      m_options(std::move(options)), m_cancel(std::make_shared<std::atomic_bool>(false))
{}

ImportTask::~ImportTask()
{
    m_cancel->store(true);
    m_future.waitForFinished(); // the worker calls back into this object
}

void ImportTask::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancel->store(false);
    // On the global pool, not backgroundPool(): an import runs for minutes and must not hold
    // back previews; it probes with its own threads. Progress is throttled to ~20 updates a second: the worker calls
    // back per probed file.
    m_future =
        QtConcurrent::run([this, cancel = m_cancel, folder = m_workspace, path = m_annotation, options = m_options] {
            auto finish = [this](bool ok, data::ImportSummary summary, Error error) {
                QMetaObject::invokeMethod(
                    this,
                    [this, ok, summary, error] {
                        m_running = false;
                        emit finished(ok, summary, error);
                    },
                    Qt::QueuedConnection);
            };
            auto ws = store::Workspace::open(folder);
            if (!ws) {
                finish(false, {}, ws.error());
                return;
            }
            QElapsedTimer sinceReport;
            sinceReport.start();
            auto onProgress = [this, &sinceReport](int done, int total, const QString &file) {
                if (done < total && sinceReport.elapsed() < 50)
                    return;
                sinceReport.restart();
                QMetaObject::invokeMethod(
                    this, [this, done, total, file] { emit progress(done, total, file); }, Qt::QueuedConnection);
            };
            // An exception (from a library, not one of our Results) ends the import with its
            // message instead of leaving the task running forever.
            try {
                auto summary = data::importDataset(**ws, path, options, onProgress, cancel.get());
                if (summary)
                    finish(true, *summary, {});
                else
                    finish(false, {}, summary.error());
            } catch (const std::exception &e) {
                finish(false, {}, makeError(QStringLiteral("internal"), QString::fromUtf8(e.what())));
            }
        });
}

void ImportTask::cancel() { m_cancel->store(true); }

QString ImportTask::problemReport(const data::ImportSummary &s)
{
    QString text = data::formatSummary(s);
    if (!s.badRows.isEmpty()) {
        text += tr("\nRows skipped:\n");
        for (const data::RowProblem &p : s.badRows)
            text += tr("  line %1: %2\n").arg(p.line).arg(p.message);
    }
    return text;
}

} // namespace avt::widgets
