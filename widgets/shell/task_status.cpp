#include "widgets/shell/task_status.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

namespace avt::widgets {

TaskStatus::TaskStatus(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this)), m_cancel(new QToolButton(this))
{
    m_bar->setMaximumWidth(200);
    m_bar->setTextVisible(true);
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setToolTip(tr("Cancel"));
    m_cancel->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (!m_order.isEmpty())
            if (const auto &cancel = m_tasks[m_order.last()].cancel)
                cancel();
    });
    refresh();
}

int TaskStatus::begin(const QString &what, std::function<void()> cancel)
{
    const int id = m_next++;
    m_tasks.insert(id, Task{what, QString(), 0, 0, std::move(cancel)});
    m_order.append(id);
    refresh();
    return id;
}

void TaskStatus::setProgress(int task, int done, int total, const QString &detail)
{
    auto it = m_tasks.find(task);
    if (it == m_tasks.end())
        return;
    it->done = done;
    it->total = total;
    it->detail = detail;
    refresh();
}

void TaskStatus::end(int task)
{
    m_tasks.remove(task);
    m_order.removeAll(task);
    refresh();
}

void TaskStatus::refresh()
{
    setVisible(!m_order.isEmpty());
    if (m_order.isEmpty())
        return;
    const Task &t = m_tasks[m_order.last()];
    QString text = t.what;
    if (m_order.size() > 1)
        text = tr("%1 (+%2 more)").arg(text).arg(m_order.size() - 1);
    m_label->setText(text);
    m_label->setToolTip(t.detail);
    m_bar->setRange(0, t.total > 0 ? t.total : 0);
    m_bar->setValue(t.total > 0 ? t.done : 0);
    m_cancel->setVisible(bool(t.cancel));
}

} // namespace avt::widgets
