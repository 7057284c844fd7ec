#pragma once
// A dataset import running in the background (core's importDataset on the global thread pool,
// with its own store connection), reporting progress and finishing with a summary or an error.
//
//   auto *task = new ImportTask(workspaceFolder, csvPath, options, this);
//   connect(task, &ImportTask::progress, bar, ...);
//   connect(task, &ImportTask::finished, this, ...);   // then task->deleteLater()
//   task->start();  ...  task->cancel();
//
// Progress and the result arrive as queued calls bound to the task, so none arrives after it is
// destroyed; the destructor cancels and waits for the worker. GUI thread only.
#include "core/importer/importer.h"

#include <QFuture>
#include <QObject>

#include <atomic>
#include <memory>

namespace avt::widgets {

class ImportTask : public QObject {
    Q_OBJECT
public:
    ImportTask(QString workspaceFolder, QString annotationPath, data::ImportOptions options, QObject *parent = nullptr);
    ~ImportTask() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    // A readable report of the problems found (bad rows, problem counts), for a details box.
    static QString problemReport(const data::ImportSummary &summary);

signals:
    void progress(int done, int total, const QString &file);
    // ok: summary is valid; else error holds the message (code "cancelled" when cancelled).
    void finished(bool ok, const avt::data::ImportSummary &summary, const avt::Error &error);

private:
    QString m_workspace;
    QString m_annotation;
    data::ImportOptions m_options;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFuture<void> m_future;
    bool m_running = false;
};

} // namespace avt::widgets

Q_DECLARE_METATYPE(avt::data::ImportSummary)
Q_DECLARE_METATYPE(avt::Error)
