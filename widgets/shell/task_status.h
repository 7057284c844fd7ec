#pragma once
// The status bar's background-task indicator: what runs, a progress bar (busy when the total is
// unknown) and a cancel button for tasks that can be cancelled. Several tasks may run; the
// newest is shown with a count of the others. GUI thread only.
#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace avt::widgets {

class TaskStatus : public QWidget {
    Q_OBJECT
public:
    explicit TaskStatus(QWidget *parent = nullptr);

    // Starts showing a task; cancel (may be empty) is called by the cancel button.
    int begin(const QString &what, std::function<void()> cancel = {});
    // total <= 0: busy indicator.
    void setProgress(int task, int done, int total, const QString &detail = QString());
    void end(int task);
    int runningTasks() const { return int(m_tasks.size()); }

private:
    struct Task {
        QString what;
        QString detail;
        int done = 0;
        int total = 0;
        std::function<void()> cancel;
    };
    void refresh();

    QHash<int, Task> m_tasks;
    QList<int> m_order;
    int m_next = 1;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace avt::widgets
