#pragma once
// A batch verb (`avt-workbench --batch VERB ...`) run in a child process, so that heavy work
// (decoding, training) never runs in the GUI's own process. It reads the verb's
// `--progress json` lines and reports them as signals.
//
//   auto *job = new BatchJob(this);               // runs QCoreApplication::applicationFilePath()
//   connect(job, &BatchJob::progress, this, [](qint64 done, qint64 total, const QString &msg) { ... });
//   connect(job, &BatchJob::finished, this, [](bool ok, const QString &msg) { ... });
//   job->start({"prepare", "--workspace", ws, "--dataset", name, "--progress", "json"});
//   ...
//   job->cancel();                                 // SIGTERM; SIGKILL when still running after kKillAfterMs
//
// Protocol read from the child: stdout lines that are JSON objects with an "event" member;
// "progress" carries "done", "total" and "message", other events a "message" (plan, summary,
// finished, ...). Lines that are not such objects are ignored; partial lines wait for their end.
// Errors: stderr lines `avt-workbench VERB: MESSAGE` and a non-zero exit status.
//
// Exactly one finished() follows each successful start(): ok with the last "summary" event's
// message (else "Done"); or not ok with the last stderr line that starts with "avt-workbench "
// (else the exit status, crash or start failure), or "Cancelled" after cancel().
// All I/O is asynchronous (QProcess signals); nothing here waits, except the destructor, which
// stops a still-running child (SIGTERM, at most kKillAfterMs, then SIGKILL).
// Thread-safety: a QObject of the GUI thread; use it from the thread that owns it.
#include <QObject>
#include <QProcess>
#include <QStringList>

class QProgressBar;
class QTimer;

namespace avt::widgets {

class BatchJob : public QObject {
    Q_OBJECT
public:
    // How long cancel() waits after SIGTERM (the verb stops after its current item) before SIGKILL.
    static constexpr int kKillAfterMs = 5000;

    explicit BatchJob(QObject *parent = nullptr);
    ~BatchJob() override;

    // The executable started; default QCoreApplication::applicationFilePath(). Tests set a fake.
    QString program() const { return m_program; }
    void setProgram(const QString &program) { m_program = program; }

    // Starts `program --batch batchArgs...`. Returns false (and emits nothing) while a job runs.
    bool start(const QStringList &batchArgs);
    // Asks the child to stop (SIGTERM), then kills it if it is still running kKillAfterMs later.
    // No-op when nothing runs. finished(false, "Cancelled") follows once the child has exited.
    void cancel();
    bool isRunning() const { return m_running; }
    // The full argument list of the last start() (with the leading "--batch").
    QStringList arguments() const { return m_arguments; }

signals:
    // A "progress" event: done of total items (total <= 0: unknown), message e.g. the item's name.
    void progress(qint64 done, qint64 total, const QString &message);
    // Any other event ("plan", "summary", "finished", ...) with its "message" (may be empty).
    // (Not named event(): that would hide QObject::event(QEvent *).)
    void eventReceived(const QString &name, const QString &message);
    // The child has exited (or could not start); see the header comment for the message.
    void finished(bool ok, const QString &message);

private:
    void readStdout();
    void readStderr();
    void handleLine(const QByteArray &line);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void finish(bool ok, const QString &message);

    QString m_program;
    QStringList m_arguments;
    QProcess *m_process = nullptr; // the running child's, else nullptr
    QTimer *m_killTimer;
    QByteArray m_stdoutBuffer; // an incomplete last line of stdout
    QByteArray m_stderrBuffer; // same for stderr
    QString m_summary;         // the last "summary" event's message
    QString m_lastError;       // the last stderr line that starts with "avt-workbench "
    bool m_running = false;
    bool m_cancelled = false;
};

// Shows a progress event on a bar: done of total (scaled when total exceeds int), or busy when
// total <= 0.
void showJobProgress(QProgressBar *bar, qint64 done, qint64 total);

} // namespace avt::widgets
