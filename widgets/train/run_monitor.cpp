#include "widgets/train/run_monitor.h"

#include "core/launch/launch_spec.h"
#include "core/store/run_store.h"
#include "core/store/workspace.h"
#include "widgets/common/background.h"
#include "widgets/train/run_monitor_reader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace avt::widgets {

using namespace monitor;
static_assert(RunMonitor::kLogTailLines == monitor::kLogTailLines);

namespace {

// --- presentation ------------------------------------------------------------------------------

const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0x94, 0x67, 0xbd), QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22)};

QColor statusColour(const QString &status)
{
    if (status == QLatin1String("running"))
        return QColor(0x1f, 0x6f, 0xd1);
    if (status == QLatin1String("finished"))
        return QColor(0x2e, 0x8b, 0x3e);
    if (status == QLatin1String("failed") || status == QLatin1String("interrupted"))
        return QColor(0xc6, 0x28, 0x28);
    if (status == QLatin1String("stopped"))
        return QColor(0xe0, 0x7b, 0x00);
    return QColor(0x75, 0x75, 0x75);
}

QString statusName(const QString &status)
{
    if (status == QLatin1String("running"))
        return RunMonitor::tr("running");
    if (status == QLatin1String("finished"))
        return RunMonitor::tr("finished");
    if (status == QLatin1String("failed"))
        return RunMonitor::tr("failed");
    if (status == QLatin1String("interrupted"))
        return RunMonitor::tr("interrupted");
    if (status == QLatin1String("stopped"))
        return RunMonitor::tr("stopped");
    if (status == QLatin1String("created"))
        return RunMonitor::tr("created");
    return status.isEmpty() ? QStringLiteral("—") : status;
}

QString formatDuration(double seconds)
{
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return RunMonitor::tr("%1 s").arg(s);
    if (s < 3600)
        return RunMonitor::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 48 * 3600)
        return RunMonitor::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return RunMonitor::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

double mean(const QList<double> &v)
{
    return v.isEmpty() ? 0.0 : std::accumulate(v.cbegin(), v.cend(), 0.0) / double(v.size());
}

QCustomPlot *makePlot(QWidget *parent, const QString &objectName, const QString &xLabel, const QString &yLabel)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(objectName);
    plot->setMinimumSize(240, 140);
    plot->setPlottingHint(QCP::phFastPolylines, true);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setNoAntialiasingOnDrag(true);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    QFont small = plot->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QCPAxis *a : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        a->setLabelFont(small);
        a->setTickLabelFont(small);
    }
    plot->legend->setVisible(true);
    plot->legend->setFont(small);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->legend->setBorderPen(QPen(QColor(190, 190, 190)));
    plot->legend->setRowSpacing(0);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    return plot;
}

// All data in view, with a little room around it (points at the edges stay whole).
void fitAxes(QCustomPlot *plot)
{
    plot->rescaleAxes();
    for (QCPAxis *a : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        if (a->graphs().isEmpty()) // rescaleAxes() left it alone
            continue;
        const QCPRange r = a->range();
        const double pad = r.size() > 0 ? 0.04 * r.size() : 0.5;
        a->setRange(r.lower - pad, r.upper + pad);
    }
}

} // namespace

// --- the widget --------------------------------------------------------------------------------

struct RunMonitor::Private {
    RunMonitor *q;
    QString folder, run;
    std::shared_ptr<Connection> conn = std::make_shared<Connection>();
    QTimer timer;
    quint64 generation = 0; // bumped by a new run or workspace: older results are dropped
    bool inFlight = false, pending = false;

    // What has been read of the run.
    qint64 runId = 0;
    QHash<QString, SeriesMark> marks;
    qint64 eventsOffset = 0;
    QHash<QString, qint64> logOffsets;
    store::RunInfo info;
    QString status, message;
    bool missing = false; // no run of that name in the store
    Events events;
    QList<double> recentStep, recentWait; // the last kRecentRecords step_s / data_wait_s values
    qint64 lastTrainStep = -1;
    int lastTrainEpoch = -1;
    double eta = -1, clips = 0, waitShare = -1;
    bool followLoss = true, followEval = true; // rescale on new data until the user pans / zooms

    QLabel *nameLabel, *statusLabel, *messageLabel;
    QLabel *progressLabel, *throughputLabel, *dataWaitLabel, *etaLabel, *checkpointLabel;
    QCustomPlot *loss, *eval;
    QTabWidget *logs;
    QHash<QString, QPlainTextEdit *> logViews;
    QHash<QString, QCPGraph *> lossGraphs, evalGraphs;

    explicit Private(RunMonitor *owner) : q(owner) {}
    void build();
    QLabel *addFigure(QGridLayout *grid, int row, int col, const QString &caption, const QString &objectName);
    void clearRunState();
    void updateTimer();
    void poll(bool asked);
    void finished(quint64 gen, const PollResult &r);
    void merge(const PollResult &r);
    void mergeSeries(const SeriesRows &s);
    QCPGraph *graphFor(const QString &split, const QString &name);
    void mergeLog(const LogChunk &c);
    QPlainTextEdit *logView(const QString &file);
    void showStatus(const QString &newStatus, const QString &error);
    void updateFigures();
};

RunMonitor::RunMonitor(QWidget *parent) : QWidget(parent), d(std::make_unique<Private>(this))
{
    d->build();
    d->timer.setInterval(kDefaultPollMs);
    connect(&d->timer, &QTimer::timeout, this, [this] { d->poll(false); });
}

RunMonitor::~RunMonitor() = default;

QLabel *RunMonitor::Private::addFigure(QGridLayout *grid, int row, int col, const QString &caption,
                                       const QString &objectName)
{
    auto *c = new QLabel(caption, q);
    c->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *v = new QLabel(QStringLiteral("—"), q);
    v->setObjectName(objectName);
    v->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(c, row, col * 2);
    grid->addWidget(v, row, col * 2 + 1);
    return v;
}

void RunMonitor::Private::build()
{
    auto *top = new QVBoxLayout(q);
    top->setContentsMargins(6, 6, 6, 6);
    top->setSpacing(4);

    auto *header = new QHBoxLayout;
    nameLabel = new QLabel(q);
    nameLabel->setObjectName(QStringLiteral("monitorRun"));
    QFont bold = nameLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    nameLabel->setFont(bold);
    nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusLabel = new QLabel(q);
    statusLabel->setObjectName(QStringLiteral("monitorStatus"));
    header->addWidget(nameLabel, 1);
    header->addWidget(statusLabel);
    top->addLayout(header);

    messageLabel = new QLabel(q);
    messageLabel->setObjectName(QStringLiteral("monitorMessage"));
    messageLabel->setWordWrap(true);
    messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    messageLabel->hide();
    top->addWidget(messageLabel);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    progressLabel = addFigure(grid, 0, 0, tr("Progress"), QStringLiteral("monitorProgress"));
    throughputLabel = addFigure(grid, 0, 1, tr("Throughput"), QStringLiteral("monitorThroughput"));
    etaLabel = addFigure(grid, 1, 0, tr("ETA"), QStringLiteral("monitorEta"));
    dataWaitLabel = addFigure(grid, 1, 1, tr("Data wait"), QStringLiteral("monitorDataWait"));
    checkpointLabel = addFigure(grid, 2, 0, tr("Checkpoint"), QStringLiteral("monitorCheckpoint"));
    grid->addWidget(checkpointLabel, 2, 1, 1, 3); // the path may be long
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    top->addLayout(grid);

    loss = makePlot(q, QStringLiteral("lossPlot"), tr("step"), tr("loss"));
    loss->yAxis2->setVisible(true);
    loss->yAxis2->setLabel(tr("learning rate"));
    loss->yAxis2->setNumberFormat(QStringLiteral("gb"));
    loss->yAxis2->setNumberPrecision(3);
    eval = makePlot(q, QStringLiteral("evalPlot"), tr("epoch"), tr("value"));
    auto epochTicks = QSharedPointer<QCPAxisTickerFixed>::create(); // whole epochs
    epochTicks->setTickStep(1);
    epochTicks->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    eval->xAxis->setTicker(epochTicks);
    logs = new QTabWidget(q);
    logs->setObjectName(QStringLiteral("monitorLogs"));
    logs->setDocumentMode(true);

    auto *split = new QSplitter(Qt::Vertical, q);
    split->setChildrenCollapsible(false);
    split->addWidget(loss);
    split->addWidget(eval);
    split->addWidget(logs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    top->addWidget(split, 1);

    // Panning or zooming a plot stops following new data; a double click follows again.
    for (QCustomPlot *p : {loss, eval}) {
        bool &follow = p == loss ? followLoss : followEval;
        connect(p, &QCustomPlot::mouseMove, q, [&follow](QMouseEvent *e) {
            if (e->buttons() != Qt::NoButton)
                follow = false;
        });
        connect(p, &QCustomPlot::mouseWheel, q, [&follow] { follow = false; });
        connect(p, &QCustomPlot::mouseDoubleClick, q, [p, &follow] {
            follow = true;
            fitAxes(p);
            p->replot(QCustomPlot::rpQueuedReplot);
        });
        p->setToolTip(tr("Drag to pan, wheel to zoom, double-click to follow the run again"));
    }
    showStatus(QString(), QString());
}

// --- run and workspace -------------------------------------------------------------------------

void RunMonitor::setWorkspace(const QString &folder)
{
    if (folder == d->folder)
        return;
    d->folder = folder;
    d->conn = std::make_shared<Connection>();
    d->clearRunState();
    d->updateTimer();
    d->poll(true);
}

QString RunMonitor::workspace() const { return d->folder; }

void RunMonitor::setRun(const QString &runName)
{
    if (runName == d->run) {
        refresh();
        return;
    }
    d->run = runName;
    d->clearRunState();
    d->updateTimer();
    d->poll(true);
}

QString RunMonitor::run() const { return d->run; }

void RunMonitor::setPollInterval(int ms) { d->timer.setInterval(std::max(10, ms)); }

int RunMonitor::pollInterval() const { return d->timer.interval(); }

void RunMonitor::refresh() { d->poll(true); }

void RunMonitor::Private::clearRunState()
{
    ++generation;
    runId = 0;
    marks.clear();
    eventsOffset = 0;
    logOffsets.clear();
    info = {};
    missing = false;
    events = {};
    recentStep.clear();
    recentWait.clear();
    lastTrainStep = -1;
    lastTrainEpoch = -1;
    followLoss = followEval = true;
    for (QCustomPlot *p : {loss, eval}) {
        p->clearGraphs();
        // Empty axes, not the old run's ranges, until the new run's points come.
        for (QCPAxis *axis : p->axisRect()->axes())
            axis->setRange(0, 1);
        p->replot(QCustomPlot::rpQueuedReplot);
    }
    lossGraphs.clear();
    evalGraphs.clear();
    while (logs->count() > 0) {
        QWidget *w = logs->widget(0);
        logs->removeTab(0);
        delete w;
    }
    logViews.clear();
    nameLabel->setText(run);
    showStatus(QString(), QString());
    updateFigures();
}

void RunMonitor::Private::updateTimer()
{
    if (!run.isEmpty() && !folder.isEmpty())
        timer.start();
    else
        timer.stop();
}

// --- polling -----------------------------------------------------------------------------------

void RunMonitor::Private::poll(bool asked)
{
    if (run.isEmpty() || folder.isEmpty())
        return;
    if (inFlight) {
        pending = pending || asked; // a tick is skipped; a request runs right after
        return;
    }
    PollRequest req{folder, run, conn, runId, marks, eventsOffset, logOffsets};
    inFlight = true;
    const quint64 gen = generation;
    whenFinished(
        q, runInBackground([req = std::move(req)] { return readPoll(req); }),
        [this, gen](const PollResult &r) { finished(gen, r); },
        [this, gen](const QString &error) {
            PollResult r;
            r.error = error;
            finished(gen, r);
        });
}

void RunMonitor::Private::finished(quint64 gen, const PollResult &r)
{
    inFlight = false;
    if (gen == generation) {
        merge(r);
        Q_EMIT q->updated();
    }
    if (pending || gen != generation) {
        pending = false;
        poll(true);
    }
}

void RunMonitor::Private::merge(const PollResult &r)
{
    if (r.resetAll) {
        for (QCustomPlot *p : {loss, eval})
            for (int i = 0; i < p->graphCount(); ++i)
                p->graph(i)->data()->clear();
        marks.clear();
        recentStep.clear();
        recentWait.clear();
        lastTrainStep = -1;
        lastTrainEpoch = -1;
    }
    if (r.haveRun) {
        info = r.info;
        runId = r.info.id;
    }
    for (const SeriesRows &s : r.series)
        mergeSeries(s);
    if (!r.series.isEmpty())
        for (QCustomPlot *p : {loss, eval}) {
            if (p == loss ? followLoss : followEval)
                fitAxes(p);
            p->replot(QCustomPlot::rpQueuedReplot);
        }

    if (r.eventsReset)
        events = {};
    eventsOffset = r.eventsOffset;
    for (auto [from, to] :
         {std::pair{&r.events.start, &events.start}, std::pair{&r.events.step, &events.step},
          std::pair{&r.events.checkpoint, &events.checkpoint}, std::pair{&r.events.finished, &events.finished}})
        if (!from->isEmpty())
            *to = *from;
    if (!r.events.warning.isEmpty())
        events.warning = r.events.warning;

    for (const LogChunk &c : r.logs)
        mergeLog(c);

    missing = r.missing;
    showStatus(r.haveRun ? r.status : missing ? QString() : status, r.error);
    updateFigures();
}

void RunMonitor::Private::mergeSeries(const SeriesRows &s)
{
    const QString key = seriesKey(s.split, s.name);
    SeriesMark &mark = marks[key];
    if (s.reset)
        mark = {};
    mark.points += s.rows.size();
    if (!s.rows.isEmpty())
        mark.lastStep = s.rows.constLast().step;

    const bool train = s.split == QLatin1String("train");
    if (train) {
        for (const store::MetricRow &m : s.rows)
            if (m.step >= lastTrainStep) {
                lastTrainStep = m.step;
                lastTrainEpoch = m.epoch;
            }
        QList<double> *recent = s.name == QLatin1String("step_s")        ? &recentStep
                                : s.name == QLatin1String("data_wait_s") ? &recentWait
                                                                         : nullptr;
        if (recent) {
            if (s.reset)
                recent->clear();
            for (qsizetype i = std::max<qsizetype>(0, s.rows.size() - kRecentRecords); i < s.rows.size(); ++i)
                recent->append(s.rows[i].value);
            if (recent->size() > kRecentRecords)
                recent->remove(0, recent->size() - kRecentRecords);
            return;
        }
    }
    QCPGraph *g = graphFor(s.split, s.name);
    if (!g)
        return;
    if (s.reset)
        g->data()->clear();
    if (s.rows.isEmpty())
        return;
    QVector<double> keys, values;
    keys.reserve(s.rows.size());
    values.reserve(s.rows.size());
    for (const store::MetricRow &m : s.rows) {
        keys.append(train ? double(m.step) : double(m.epoch + 1));
        values.append(m.value);
    }
    // A replayed stretch (rows read again after a resume) replaces what was drawn from there on.
    if (!g->data()->isEmpty() && (g->data()->constEnd() - 1)->key >= keys.first())
        g->data()->removeAfter(keys.first() - 0.5);
    g->addData(keys, values, true);
}

// The graph of a metric, made on first use: train loss terms and the learning rate on the loss
// plot, every other split on the evaluation plot; nullptr for the other train records.
QCPGraph *RunMonitor::Private::graphFor(const QString &split, const QString &name)
{
    const bool train = split == QLatin1String("train");
    const bool lr = train && name == QLatin1String("lr");
    if (train && !lr && name != QLatin1String("loss") && !name.startsWith(QLatin1String("loss.")))
        return nullptr;
    QHash<QString, QCPGraph *> &graphs = train ? lossGraphs : evalGraphs;
    const QString graphName = train ? name : seriesKey(split, name);
    if (QCPGraph *g = graphs.value(graphName))
        return g;
    QCustomPlot *plot = train ? loss : eval;
    QCPGraph *g = plot->addGraph(plot->xAxis, lr ? plot->yAxis2 : plot->yAxis);
    g->setName(graphName);
    QPen pen(kPalette[graphs.size() % std::size(kPalette)]);
    if (lr)
        pen = QPen(QColor(120, 120, 120), 1, Qt::DashLine);
    else if (name == QLatin1String("loss"))
        pen.setWidthF(2);
    g->setPen(pen);
    if (!train) {
        g->setLineStyle(QCPGraph::lsLine);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    }
    graphs.insert(graphName, g);
    return g;
}

void RunMonitor::Private::mergeLog(const LogChunk &c)
{
    logOffsets.insert(c.file, c.offset);
    QPlainTextEdit *view = logView(c.file);
    if (!c.reset && c.lines.isEmpty())
        return;
    QScrollBar *bar = view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    const int kept = bar->value();
    if (c.reset)
        view->setPlainText(c.lines.join(QLatin1Char('\n')));
    else
        view->appendPlainText(c.lines.join(QLatin1Char('\n')));
    bar->setValue(atEnd ? bar->maximum() : kept);
}

QPlainTextEdit *RunMonitor::Private::logView(const QString &file)
{
    if (QPlainTextEdit *v = logViews.value(file))
        return v;
    auto *v = new QPlainTextEdit(logs);
    v->setObjectName(file);
    v->setReadOnly(true);
    v->setMaximumBlockCount(kLogMaxLines);
    v->setLineWrapMode(QPlainTextEdit::NoWrap);
    v->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    int at = 0;
    while (at < logs->count() && logBefore(logs->tabText(at), file))
        ++at;
    logs->insertTab(at, v, file);
    logViews.insert(file, v);
    return v;
}

// --- header and figures ------------------------------------------------------------------------

void RunMonitor::Private::showStatus(const QString &newStatus, const QString &error)
{
    const QColor c = statusColour(newStatus);
    statusLabel->setText(run.isEmpty() ? QString() : statusName(newStatus));
    statusLabel->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; "
                                              "padding: 1px 8px; font-weight: bold; }")
                                   .arg(c.name()));
    statusLabel->setVisible(!run.isEmpty());

    // Why it ended (or a warning, or why it could not be read), prominent.
    QString text;
    bool severe = newStatus == QLatin1String("failed") || newStatus == QLatin1String("interrupted");
    if (!error.isEmpty()) {
        text = tr("Cannot read the run: %1").arg(error);
        severe = true;
    } else if (newStatus == QLatin1String("failed")) {
        text = info.message.isEmpty() ? tr("The run failed without a message; see its logs below.") : info.message;
    } else if (newStatus == QLatin1String("interrupted")) {
        text = info.message.isEmpty()
                   ? tr("The training process (pid %1 on %2, last heartbeat %3) is gone without recording an end. "
                        "Resume the run to continue from its last checkpoint.")
                         .arg(info.pid)
                         .arg(info.host.isEmpty() ? tr("an unknown host") : info.host,
                              info.heartbeatAt.isEmpty() ? tr("never") : info.heartbeatAt)
                   : info.message;
    } else if (newStatus == QLatin1String("stopped")) {
        text = info.message.isEmpty() ? tr("Stopped on request; resume it to continue from its last checkpoint.")
                                      : info.message;
    } else if (missing) {
        text = tr("No run named %1 in this workspace yet (a queued run appears when it starts).").arg(run);
    } else if (!events.warning.isEmpty()) {
        text = tr("Warning: %1").arg(events.warning);
    }
    message = text;
    messageLabel->setText(text);
    messageLabel->setStyleSheet(severe ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px "
                                                        "solid #f1b0ab; border-radius: 3px; padding: 4px; }")
                                       : QStringLiteral("QLabel { background: #fff4e5; color: #7a4100; border: 1px "
                                                        "solid #f3c98b; border-radius: 3px; padding: 4px; }"));
    messageLabel->setVisible(!text.isEmpty());

    if (newStatus != status) {
        status = newStatus;
        Q_EMIT q->statusChanged(status);
    }
}

void RunMonitor::Private::updateFigures()
{
    const QJsonObject optim = info.config.value(QLatin1String("optim")).toObject();
    const int epochs = optim.value(QLatin1String("epochs")).toInt(0);
    const int accumulate = std::max(1, optim.value(QLatin1String("accumulate")).toInt(1));
    const int batch = optim.value(QLatin1String("batch")).toInt(0);
    const int batches = events.step.value(QLatin1String("batches")).toInt(0);
    const int worldSize = events.start.contains(QLatin1String("world_size"))
                              ? events.start.value(QLatin1String("world_size")).toInt(1)
                              : std::max(1, info.worldSize);
    const qint64 step = std::max<qint64>(events.step.value(QLatin1String("step")).toInteger(-1), lastTrainStep);
    const int epoch = events.step.contains(QLatin1String("epoch")) ? events.step.value(QLatin1String("epoch")).toInt()
                                                                   : lastTrainEpoch;
    const qint64 total = epochs > 0 && batches > 0 ? qint64(epochs) * ((batches + accumulate - 1) / accumulate) : 0;
    const double stepSeconds = mean(recentStep);

    clips = stepSeconds > 0 && batch > 0 ? double(batch) * accumulate * worldSize / stepSeconds : 0;
    waitShare = stepSeconds > 0 && !recentWait.isEmpty() ? mean(recentWait) / stepSeconds : -1;
    eta = status == QLatin1String("running") && total > 0 && stepSeconds > 0 && step >= 0
              ? double(std::max<qint64>(0, total - step)) * stepSeconds
              : -1;

    const QString unknown = QStringLiteral("?");
    const QString dash = QStringLiteral("—");
    progressLabel->setText(step < 0 ? dash
                                    : tr("epoch %1/%2, step %3/%4")
                                          .arg(epoch >= 0 ? QString::number(epoch + 1) : unknown,
                                               epochs > 0 ? QString::number(epochs) : unknown, QString::number(step),
                                               total > 0 ? QString::number(total) : unknown));
    throughputLabel->setText(clips > 0 ? tr("%1 clips/s").arg(clips, 0, 'f', clips < 10 ? 2 : 1) : dash);
    throughputLabel->setToolTip(
        stepSeconds > 0
            ? tr("%1 s per step (mean of the last %2 records); %3 clips per step (batch %4 × accumulate %5 × %6 ranks)")
                  .arg(stepSeconds, 0, 'g', 3)
                  .arg(recentStep.size())
                  .arg(batch * accumulate * worldSize)
                  .arg(batch)
                  .arg(accumulate)
                  .arg(worldSize)
            : QString());
    dataWaitLabel->setText(waitShare >= 0 ? tr("%1 %").arg(100.0 * waitShare, 0, 'f', 1) : dash);
    dataWaitLabel->setToolTip(
        tr("Share of the step time spent waiting for data (last %1 records)").arg(kRecentRecords));
    dataWaitLabel->setStyleSheet(waitShare > 0.3 ? QStringLiteral("color: #b35c00; font-weight: bold;") : QString());
    etaLabel->setText(eta >= 0 ? formatDuration(eta) : dash);

    // The last checkpoint: the store's, with its step when the progress events name the same file.
    const QString eventPath = events.checkpoint.value(QLatin1String("path")).toString();
    const QString path = info.lastCheckpoint.isEmpty() ? eventPath : info.lastCheckpoint;
    QString text = path.isEmpty() ? dash : QFileInfo(path).fileName();
    if (!path.isEmpty() && path == eventPath)
        text += tr(" (step %1)").arg(events.checkpoint.value(QLatin1String("step")).toInteger());
    checkpointLabel->setText(text);
    checkpointLabel->setToolTip(path);
}

// --- read accessors ----------------------------------------------------------------------------

QCustomPlot *RunMonitor::lossPlot() const { return d->loss; }
QCustomPlot *RunMonitor::evalPlot() const { return d->eval; }
QString RunMonitor::statusText() const { return d->status; }
QString RunMonitor::messageText() const { return d->message; }
double RunMonitor::etaSeconds() const { return d->eta; }
double RunMonitor::clipsPerSecond() const { return d->clips; }
double RunMonitor::dataWaitShare() const { return d->waitShare; }

} // namespace avt::widgets
