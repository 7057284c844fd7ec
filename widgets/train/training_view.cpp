#include "widgets/train/training_view.h"

#include "widgets/train/run_monitor.h"
#include "widgets/train/run_queue.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace avt::widgets {

using launch::EntryState;

namespace {

enum Column { ColRun, ColState, ColWhere, ColStarted, ColMessage, ColCount };

QColor stateColour(EntryState s)
{
    switch (s) {
    case EntryState::Pending: return QColor(110, 110, 110);
    case EntryState::Running: return QColor(30, 100, 200);
    case EntryState::Finished: return QColor(30, 140, 60);
    case EntryState::Stopped: return QColor(200, 120, 0);
    case EntryState::Failed:
    case EntryState::Interrupted: return QColor(200, 40, 40);
    }
    return {};
}

} // namespace

TrainingView::TrainingView(QWidget *parent)
    : QWidget(parent), m_queue(new RunQueue(this)), m_monitor(new RunMonitor(this)), m_table(new QTableWidget(this)),
      m_up(new QPushButton(tr("Up"), this)), m_down(new QPushButton(tr("Down"), this)),
      m_remove(new QPushButton(tr("Remove"), this)), m_stop(new QPushButton(tr("Stop"), this)),
      m_kill(new QPushButton(tr("Kill"), this)), m_resume(new QPushButton(tr("Resume"), this)),
      m_duplicate(new QPushButton(tr("Duplicate with Changes…"), this)),
      m_paused(new QCheckBox(tr("Pause queue"), this)), m_slots(new QSpinBox(this)), m_summary(new QLabel(this)),
      m_error(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setColumnCount(ColCount);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("State"), tr("Where"), tr("Started"), tr("Message")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_slots->setRange(1, 64);
    m_slots->setPrefix(tr("Slots: "));
    m_slots->setToolTip(tr("How many runs of the queue may go at once"));
    m_stop->setToolTip(tr("Stop gracefully: the run saves a checkpoint, then exits (resume continues from it)"));
    m_kill->setToolTip(tr("Kill the run's processes at once (no checkpoint; resume starts from the last one)"));
    m_resume->setToolTip(tr("Queue the run again to continue from its last checkpoint"));
    m_duplicate->setToolTip(tr("Open the launcher with this run's config to change and queue it as a new run"));
    m_error->setObjectName(QStringLiteral("queueError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c82828;"));
    m_error->hide();
    m_summary->setObjectName(QStringLiteral("queueSummary"));

    auto *buttons = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_up, m_down, m_remove, m_stop, m_kill, m_resume, m_duplicate})
        buttons->addWidget(w);
    buttons->addStretch(1);
    buttons->addWidget(m_summary);
    buttons->addWidget(m_slots);
    buttons->addWidget(m_paused);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_error);
    topLayout->addWidget(m_table);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_monitor);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_queue, &RunQueue::changed, this, &TrainingView::rebuild);
    connect(m_queue, &RunQueue::error, this, [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        // A row the user picked stays shown; until then the monitor follows the running runs.
        if (!m_selecting)
            m_follow = false;
        updateButtons();
        if (const auto *e = m_queue->entry(currentId()); e && e->spec.name != m_monitor->run())
            m_monitor->setRun(e->spec.name);
    });
    connect(m_up, &QPushButton::clicked, this, [this] {
        const QString id = currentId();
        if (m_queue->move(id, -1))
            selectRun(m_queue->entry(id)->spec.name);
    });
    connect(m_down, &QPushButton::clicked, this, [this] {
        const QString id = currentId();
        if (m_queue->move(id, 1))
            selectRun(m_queue->entry(id)->spec.name);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { act(&RunQueue::remove); });
    connect(m_stop, &QPushButton::clicked, this, [this] { act(&RunQueue::stop); });
    connect(m_kill, &QPushButton::clicked, this, [this] { act(&RunQueue::kill); });
    connect(m_resume, &QPushButton::clicked, this, [this] { act(&RunQueue::resume); });
    connect(m_duplicate, &QPushButton::clicked, this, [this] {
        if (const auto *e = m_queue->entry(currentId()))
            emit duplicateRequested(e->spec.name);
    });
    connect(m_paused, &QCheckBox::toggled, m_queue, &RunQueue::setPaused);
    connect(m_slots, &QSpinBox::valueChanged, m_queue, &RunQueue::setSlotCount);
    rebuild();
    detectGpus();
}

TrainingView::~TrainingView()
{
    // A GPU query still running reports to nobody: its QProcess, a child, is destroyed after
    // this view's members, and its errorOccurred() would otherwise reach a half-destroyed view.
    for (QProcess *p : findChildren<QProcess *>(Qt::FindDirectChildrenOnly))
        p->disconnect(this);
}

void TrainingView::setWorkspace(const QString &folder)
{
    m_error->hide();
    m_monitor->setWorkspace(folder);
    m_queue->setWorkspace(folder);
}

QString TrainingView::currentId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return QString();
    return m_table->item(rows.first().row(), ColRun)->data(Qt::UserRole).toString();
}

void TrainingView::selectRun(const QString &runName)
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, ColRun)->text() == runName) {
            m_follow = false;
            m_table->selectRow(r);
            return;
        }
}

void TrainingView::detectGpus()
{
    // nvidia-smi lists "GPU 0: NVIDIA H100 80GB HBM3 (UUID: ...)"; no nvidia-smi: no GPUs.
    auto *smi = new QProcess(this);
    connect(smi, &QProcess::finished, this, [this, smi](int code, QProcess::ExitStatus status) {
        QStringList names;
        if (status == QProcess::NormalExit && code == 0)
            for (const QByteArray &line : smi->readAllStandardOutput().split('\n'))
                if (line.startsWith("GPU "))
                    names << QString::fromUtf8(line).section(QStringLiteral(" (UUID"), 0, 0).trimmed();
        smi->deleteLater();
        setGpus(names);
    });
    connect(smi, &QProcess::errorOccurred, this, [this, smi](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            smi->deleteLater();
            setGpus({});
        }
    });
    smi->start(QStringLiteral("nvidia-smi"), {QStringLiteral("-L")});
}

void TrainingView::setGpus(const QStringList &names)
{
    m_gpuNames = names;
    QList<int> indices;
    for (int i = 0; i < names.size(); ++i)
        indices << i;
    m_queue->setGpus(indices);
    rebuild();
    emit gpusFound(names);
}

void TrainingView::rebuild()
{
    const QString selected = currentId();
    const QList<launch::QueueEntry> entries = m_queue->entries();
    QSignalBlocker block(m_table);
    m_table->setRowCount(int(entries.size()));
    int running = 0, pending = 0;
    for (int r = 0; r < entries.size(); ++r) {
        const launch::QueueEntry &e = entries[r];
        running += e.state == EntryState::Running;
        pending += e.state == EntryState::Pending;
        QString where;
        const QList<int> gpus = e.state == EntryState::Running ? e.heldGpus : e.spec.gpus;
        if (!gpus.isEmpty()) {
            QStringList g;
            for (int i : gpus)
                g << QString::number(i);
            where = tr("GPU %1").arg(g.join(QLatin1Char(',')));
        } else if (e.gpuCount > 0) {
            where = tr("any %n free GPU(s)", nullptr, e.gpuCount);
        } else {
            where = tr("CPU");
        }
        if (e.spec.nproc > 1)
            where += tr(", %n rank(s)", nullptr, e.spec.nproc);
        if (e.spec.resume)
            where += tr(", resume");
        const QString started = e.startedAt.isEmpty() ? QString()
                                                      : QDateTime::fromString(e.startedAt, Qt::ISODate)
                                                            .toLocalTime()
                                                            .toString(QStringLiteral("yyyy-MM-dd hh:mm"));
        const QString state = launch::stateName(e.state);
        const QStringList texts{e.spec.name, state, where, started, e.message};
        for (int c = 0; c < ColCount; ++c) {
            auto *item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(texts[c]);
            item->setToolTip(c == ColMessage ? e.message : QString());
            if (c == ColRun)
                item->setData(Qt::UserRole, e.id);
            if (c == ColState)
                item->setForeground(stateColour(e.state));
        }
    }
    m_table->resizeColumnsToContents();
    m_selecting = true;
    int pick = -1;
    for (int r = 0; r < entries.size(); ++r)
        if (entries[r].id == selected)
            pick = r;
    const bool showsRunning = pick >= 0 && entries[pick].state == EntryState::Running;
    if ((pick < 0 || (m_follow && !showsRunning)) && !entries.isEmpty()) {
        // Follow the first running launch (else keep the row, else the first one).
        for (int r = 0; r < entries.size(); ++r)
            if (entries[r].state == EntryState::Running) {
                pick = r;
                break;
            }
        if (pick < 0)
            pick = 0;
    }
    if (pick >= 0)
        m_table->selectRow(pick);
    m_selecting = false;
    {
        QSignalBlocker b1(m_paused), b2(m_slots);
        m_paused->setChecked(m_queue->paused());
        m_slots->setValue(m_queue->slotCount());
    }
    m_summary->setText(tr("%1 running, %2 waiting%3")
                           .arg(running)
                           .arg(pending)
                           .arg(m_gpuNames.isEmpty() ? tr("; no GPU found, runs use the CPU")
                                                     : tr("; %n GPU(s)", nullptr, int(m_gpuNames.size()))));
    block.unblock();
    updateButtons();
    if (const auto *e = m_queue->entry(currentId()); e && e->spec.name != m_monitor->run())
        m_monitor->setRun(e->spec.name);
}

void TrainingView::updateButtons()
{
    const auto *e = m_queue->entry(currentId());
    const bool running = e && e->state == EntryState::Running;
    const bool done = e && e->state != EntryState::Running && e->state != EntryState::Pending;
    m_up->setEnabled(e != nullptr);
    m_down->setEnabled(e != nullptr);
    m_remove->setEnabled(e && !running);
    m_stop->setEnabled(running);
    m_kill->setEnabled(running);
    m_resume->setEnabled(done && e->state != EntryState::Finished);
    m_duplicate->setEnabled(e != nullptr);
}

void TrainingView::act(bool (RunQueue::*action)(const QString &))
{
    const QString id = currentId();
    if (!id.isEmpty())
        (m_queue->*action)(id);
    updateButtons();
}

} // namespace avt::widgets
