#include "widgets/compare/curve_plot.h"

#include "widgets/compare/band_fill.h"
#include "widgets/compare/curve_model.h"
#include "widgets/compare/plot_export.h"

#include "core/compare/series.h"
#include "widgets/common/background.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QMouseEvent>
#include <QPair>
#include <QPushButton>
#include <QSaveFile>
#include <QSlider>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>

// How it works. Every change (workspace, runs, metric, axis, log, smoothing, band) schedules one
// request; requests made in the same event-loop turn are merged. A request runs on a background
// thread (buildCurveModel, curve_model.h): it loads the curves missing from the cache (its own
// store connection) and builds the model, the full-resolution curves as drawn: per run its values
// and their EMA, per group the statistics of its members (bands drawn by BandFill, band_fill.h). The GUI thread then
// turns the model into graphs. Each graph keeps its full data here and is fed with compare::downsampleMinMax of the
// visible range for the axis rect's width in pixels whenever the x range or the width changes, so panning and zooming
// cost one pass over the visible points per graph. Results of a request that was superseded are dropped (their newly
// loaded curves still go to the cache); a superseded task stops early.
//
// Groups: the band is the statistics of the members' smoothed curves (the raw mean is drawn
// faint behind when smoothing is on); members are drawn thin with their smoothed values.
//
// The read-out and its line are items on a layer of their own ("cursor", buffered), so moving
// the mouse repaints only that layer and never the curves.

namespace avt::widgets {

namespace {

using CurvePtr = CurveModelCurve;
using CurveKey = QPair<qint64, QString>; // run id, metric id

constexpr int kRawAlpha = 60;     // the raw curve behind its smoothed one
constexpr int kMemberAlpha = 110; // group members
constexpr int kBandAlpha = 55;    // group bands
// Antialiased lines cost QPainter about a microsecond per drawn segment, and a noisy curve draws
// a long vertical segment in every pixel column. Beyond this many points fed to the graphs, only
// smoothed curves (few, short segments per column) stay antialiased.
constexpr qsizetype kAntialiasBudget = 60000;
constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QString formatValue(double v) { return std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("–"); }

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Calls a function when the mouse leaves the watched widget.
class LeaveFilter : public QObject {
public:
    LeaveFilter(QObject *parent, std::function<void()> onLeave) : QObject(parent), m_onLeave(std::move(onLeave)) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Leave)
            m_onLeave();
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_onLeave;
};

QString csvNumber(double v) { return std::isfinite(v) ? QString::number(v, 'g', 17) : QString(); }

} // namespace

struct CurvePlot::Private {
    CurvePlot *q = nullptr;
    QCustomPlot *plot = nullptr;
    QComboBox *metricCombo = nullptr;
    QComboBox *axisCombo = nullptr;
    QCheckBox *logXCheck = nullptr;
    QCheckBox *logYCheck = nullptr;
    QSlider *smoothingSlider = nullptr;
    QLabel *smoothingLabel = nullptr;
    QComboBox *bandCombo = nullptr;
    QLabel *status = nullptr;
    QCPLayer *cursorLayer = nullptr;
    QCPItemStraightLine *cursorLine = nullptr;
    QCPItemText *cursorText = nullptr;

    // The request as set.
    QString folder;
    QStringList metricChoices;
    QString metric;
    QString axis = QStringLiteral("step");
    bool logX = false, logY = false;
    double smoothing = 0;
    compare::BandKind band = compare::BandKind::Std;
    QList<PlotRun> runs;
    QList<PlotGroup> groups;

    QHash<CurveKey, CurvePtr> cache; // curves of the current workspace
    quint64 workspaceToken = 0;      // changes with the workspace: results of an older one are not cached
    std::shared_ptr<std::atomic<quint64>> latest = std::make_shared<std::atomic<quint64>>(0);
    bool scheduled = false;
    bool loading = false;
    bool resetPending = true; // the next model drawn fits the view to its data

    // What is drawn: the model and, per graph, its full data (x as sampled: log10(x) on a log
    // x axis) that refeed() reduces to the visible range.
    CurveModelPtr model;
    bool modelLogX = false, modelLogY = false;
    struct Drawn {
        QCPGraph *graph = nullptr;
        compare::Series data;
        bool smooth = false; // a smoothed curve: antialiased whatever the number of points
    };
    std::vector<Drawn> drawn;
    int columns = 0; // the axis rect's width when the graphs were last fed
    bool settingRange = false;

    void buildToolbar(QVBoxLayout *layout);
    void buildPlot();
    void schedule(bool resetView);
    void startRequest();
    void apply(const std::shared_ptr<CurveModel> &built, quint64 token);
    void rebuildGraphs();
    QCPGraph *addGraph(const PlotCurve &c, const std::vector<double> &y, const QPen &pen, const char *role);
    void refeed();
    void fitView();
    void updateAxes();
    void moveCursor(const QPointF &pos);
    void hideCursor();
    QString axisLabel() const;
    void exportImageDialog();
    void exportCsvDialog();
};

CurvePlot::CurvePlot(QWidget *parent) : QWidget(parent), d(new Private)
{
    d->q = this;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->buildToolbar(layout);
    d->buildPlot();
    layout->addWidget(d->plot, 1);
    d->updateAxes();
}

CurvePlot::~CurvePlot() { delete d; }

void CurvePlot::Private::buildToolbar(QVBoxLayout *layout)
{
    metricCombo = new QComboBox(q);
    metricCombo->setObjectName(QStringLiteral("metricCombo"));
    metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    metricCombo->setMinimumContentsLength(14);
    metricCombo->setToolTip(CurvePlot::tr("The metric drawn"));
    axisCombo = new QComboBox(q);
    axisCombo->setObjectName(QStringLiteral("xAxisCombo"));
    axisCombo->addItem(CurvePlot::tr("Step"), QStringLiteral("step"));
    axisCombo->addItem(CurvePlot::tr("Epoch"), QStringLiteral("epoch"));
    axisCombo->addItem(CurvePlot::tr("Wall time"), QStringLiteral("wall"));
    axisCombo->addItem(CurvePlot::tr("Relative time"), QStringLiteral("relative"));
    axisCombo->setToolTip(CurvePlot::tr("Relative time: seconds since each run's first point"));
    logXCheck = new QCheckBox(CurvePlot::tr("Log x"), q);
    logXCheck->setObjectName(QStringLiteral("logXCheck"));
    logYCheck = new QCheckBox(CurvePlot::tr("Log y"), q);
    logYCheck->setObjectName(QStringLiteral("logYCheck"));
    logYCheck->setToolTip(CurvePlot::tr("Values at or below zero are not drawn on a log axis"));
    smoothingSlider = new QSlider(Qt::Horizontal, q);
    smoothingSlider->setObjectName(QStringLiteral("smoothingSlider"));
    smoothingSlider->setRange(0, 99);
    smoothingSlider->setFixedWidth(110);
    smoothingSlider->setToolTip(CurvePlot::tr("Exponential moving average as TensorBoard smooths (0: off)"));
    smoothingLabel = new QLabel(q);
    smoothingLabel->setObjectName(QStringLiteral("smoothingLabel"));
    smoothingLabel->setMinimumWidth(smoothingLabel->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
    bandCombo = new QComboBox(q);
    bandCombo->setObjectName(QStringLiteral("bandCombo"));
    bandCombo->addItem(CurvePlot::tr("± std"), int(compare::BandKind::Std));
    bandCombo->addItem(CurvePlot::tr("min–max"), int(compare::BandKind::MinMax));
    bandCombo->addItem(CurvePlot::tr("95% CI"), int(compare::BandKind::Ci95));
    bandCombo->setToolTip(CurvePlot::tr("The band around each group's mean"));
    auto *reset = new QPushButton(CurvePlot::tr("Reset view"), q);
    reset->setObjectName(QStringLiteral("resetViewButton"));
    auto *image = new QPushButton(CurvePlot::tr("Export image…"), q);
    image->setObjectName(QStringLiteral("exportImageButton"));
    image->setToolTip(CurvePlot::tr("Save the plot as PNG, SVG or PDF"));
    auto *csv = new QPushButton(CurvePlot::tr("Export CSV…"), q);
    csv->setObjectName(QStringLiteral("exportCsvButton"));
    csv->setToolTip(CurvePlot::tr("Save the plotted data at full resolution, raw and smoothed"));
    status = new QLabel(q);
    status->setObjectName(QStringLiteral("statusLabel"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(CurvePlot::tr("Metric"), q));
    top->addWidget(metricCombo, 1);
    top->addWidget(new QLabel(CurvePlot::tr("X axis"), q));
    top->addWidget(axisCombo);
    top->addWidget(logXCheck);
    top->addWidget(logYCheck);
    top->addSpacing(8);
    top->addWidget(new QLabel(CurvePlot::tr("Smoothing"), q));
    top->addWidget(smoothingSlider);
    top->addWidget(smoothingLabel);
    top->addWidget(new QLabel(CurvePlot::tr("Band"), q));
    top->addWidget(bandCombo);
    top->addStretch();
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(status, 1);
    bottom->addWidget(reset);
    bottom->addWidget(image);
    bottom->addWidget(csv);
    layout->addLayout(top);
    layout->addLayout(bottom);
    smoothingLabel->setText(QString::number(0.0, 'f', 2));

    connect(metricCombo, &QComboBox::currentIndexChanged, q, [this](int i) {
        if (i >= 0)
            q->setMetric(metricCombo->itemText(i));
    });
    connect(axisCombo, &QComboBox::currentIndexChanged, q,
            [this](int i) { q->setXAxis(axisCombo->itemData(i).toString()); });
    connect(logXCheck, &QCheckBox::toggled, q, [this](bool on) { q->setLogX(on); });
    connect(logYCheck, &QCheckBox::toggled, q, [this](bool on) { q->setLogY(on); });
    connect(smoothingSlider, &QSlider::valueChanged, q, [this](int v) { q->setSmoothing(v / 100.0); });
    connect(bandCombo, &QComboBox::currentIndexChanged, q,
            [this](int i) { q->setBand(compare::BandKind(bandCombo->itemData(i).toInt())); });
    connect(reset, &QPushButton::clicked, q, [this] { q->resetView(); });
    connect(image, &QPushButton::clicked, q, [this] { exportImageDialog(); });
    connect(csv, &QPushButton::clicked, q, [this] { exportCsvDialog(); });
}

void CurvePlot::Private::buildPlot()
{
    plot = new QCustomPlot(q);
    plot->setObjectName(QStringLiteral("curvePlot"));
    plot->setMinimumSize(320, 200);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setNoAntialiasingOnDrag(true);
    // Segments instead of one polyline: QPainter's stroker is very slow on long, noisy
    // polylines wider than one pixel (seconds for 50 curves of a few thousand points).
    plot->setPlottingHint(QCP::phFastPolylines, true);
    plot->setAutoAddPlottableToLegend(false);
    plot->setMouseTracking(true);
    plot->legend->setVisible(true);
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    plot->legend->setFont(legendFont);
    plot->legend->setBrush(QColor(255, 255, 255, 215));
    plot->legend->setBorderPen(QPen(QColor(190, 190, 190)));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    plot->addLayer(QStringLiteral("cursor"), plot->layer(QStringLiteral("legend")), QCustomPlot::limAbove);
    cursorLayer = plot->layer(QStringLiteral("cursor"));
    cursorLayer->setMode(QCPLayer::lmBuffered);
    cursorLine = new QCPItemStraightLine(plot);
    cursorLine->setLayer(cursorLayer);
    cursorLine->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    cursorLine->setClipToAxisRect(true);
    for (QCPItemPosition *p : {cursorLine->point1, cursorLine->point2}) {
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    cursorText = new QCPItemText(plot);
    cursorText->setLayer(cursorLayer);
    cursorText->position->setTypeX(QCPItemPosition::ptPlotCoords);
    cursorText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    cursorText->setTextAlignment(Qt::AlignLeft);
    cursorText->setPadding(QMargins(5, 3, 5, 3));
    cursorText->setBrush(QColor(255, 255, 255, 225));
    cursorText->setPen(QPen(QColor(170, 170, 170)));
    cursorText->setClipToAxisRect(true);
    hideCursor();

    connect(plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), q, [this] {
        if (!settingRange)
            refeed();
    });
    // A new width (the layout is done at the start of each replot) refeeds before drawing.
    connect(plot, &QCustomPlot::afterLayout, q, [this] {
        if (plot->axisRect()->width() != columns)
            refeed();
    });
    connect(plot, &QCustomPlot::mouseMove, q, [this](QMouseEvent *e) { moveCursor(e->position()); });
    plot->installEventFilter(new LeaveFilter(plot, [this] { hideCursor(); }));
}

// --- the request -------------------------------------------------------------------------------

void CurvePlot::setWorkspace(const QString &folder)
{
    d->folder = folder;
    d->cache.clear();
    ++d->workspaceToken;
    d->schedule(true);
}

void CurvePlot::setMetricChoices(const QStringList &metricIds)
{
    d->metricChoices = metricIds;
    {
        const QSignalBlocker block(d->metricCombo);
        d->metricCombo->clear();
        d->metricCombo->addItems(metricIds);
    }
    if (!metricIds.isEmpty() && !metricIds.contains(d->metric))
        setMetric(metricIds.first());
    else
        setMetric(d->metric);
}

void CurvePlot::setRuns(const QList<PlotRun> &runs, const QList<PlotGroup> &groups)
{
    d->runs = runs;
    d->groups = groups;
    d->schedule(true);
}

void CurvePlot::setMetric(const QString &metricId)
{
    {
        const QSignalBlocker block(d->metricCombo);
        if (!metricId.isEmpty() && d->metricCombo->findText(metricId) < 0)
            d->metricCombo->addItem(metricId); // not among the choices: shown all the same
        d->metricCombo->setCurrentIndex(d->metricCombo->findText(metricId));
    }
    const bool changed = metricId != d->metric;
    d->metric = metricId;
    d->schedule(changed);
}

QString CurvePlot::metric() const { return d->metric; }

void CurvePlot::setXAxis(const QString &axis)
{
    const int index = d->axisCombo->findData(axis);
    if (index < 0)
        return;
    {
        const QSignalBlocker block(d->axisCombo);
        d->axisCombo->setCurrentIndex(index);
    }
    d->axis = axis;
    d->schedule(true);
}

void CurvePlot::setLogX(bool on)
{
    {
        const QSignalBlocker block(d->logXCheck);
        d->logXCheck->setChecked(on);
    }
    d->logX = on;
    d->schedule(true);
}

void CurvePlot::setLogY(bool on)
{
    {
        const QSignalBlocker block(d->logYCheck);
        d->logYCheck->setChecked(on);
    }
    d->logY = on;
    d->schedule(true);
}

void CurvePlot::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    {
        const QSignalBlocker block(d->smoothingSlider);
        d->smoothingSlider->setValue(int(std::lround(std::min(weight, 0.99) * 100)));
    }
    d->smoothingLabel->setText(QString::number(weight, 'f', weight > 0.99 ? 3 : 2));
    d->smoothing = weight;
    d->schedule(false);
}

void CurvePlot::setBand(compare::BandKind kind)
{
    {
        const QSignalBlocker block(d->bandCombo);
        d->bandCombo->setCurrentIndex(std::max(0, d->bandCombo->findData(int(kind))));
    }
    d->band = kind;
    d->schedule(false);
}

bool CurvePlot::isLoading() const { return d->loading; }

QCustomPlot *CurvePlot::plot() const { return d->plot; }

// Merges the changes made in this turn of the event loop into one request.
void CurvePlot::Private::schedule(bool resetView)
{
    resetPending = resetPending || resetView;
    loading = true;
    ++*latest; // what is in flight is stale from now on
    if (scheduled)
        return;
    scheduled = true;
    QTimer::singleShot(0, q, [this] { startRequest(); });
}

void CurvePlot::Private::startRequest()
{
    scheduled = false;
    CurveRequest r;
    r.generation = latest->load();
    r.folder = folder;
    r.metric = metric;
    r.axis = axis;
    r.smoothing = smoothing;
    r.band = band;
    r.runs = runs;
    r.groups = groups;
    for (const PlotRun &run : runs)
        if (const CurvePtr c = cache.value({run.runId, metric}))
            r.cached.insert(run.runId, c);
    const bool loads = std::any_of(runs.begin(), runs.end(), [&](const PlotRun &run) {
        return !r.cached.contains(run.runId) && !folder.isEmpty() && !metric.isEmpty();
    });
    if (loads)
        status->setText(CurvePlot::tr("Loading curves…"));
    const quint64 token = workspaceToken;
    auto latestGeneration = latest;
    whenFinished(q, runInBackground([r, latestGeneration] { return buildCurveModel(r, latestGeneration); }),
                 [this, token](const std::shared_ptr<CurveModel> &built) { apply(built, token); });
}

void CurvePlot::Private::apply(const std::shared_ptr<CurveModel> &built, quint64 token)
{
    if (token == workspaceToken)
        for (auto it = built->loaded.cbegin(); it != built->loaded.cend(); ++it)
            cache.insert({it.key(), built->metric}, it.value());
    if (built->stale || built->generation != latest->load())
        return; // a newer request is on its way
    loading = false;
    status->setText(built->errors.isEmpty()
                        ? QString()
                        : CurvePlot::tr("Cannot load every curve: %1").arg(built->errors.join(QLatin1String("; "))));
    hideCursor(); // its text belongs to the curves drawn so far
    model = built;
    modelLogX = logX;
    modelLogY = logY;
    rebuildGraphs();
    updateAxes();
    if (resetPending) {
        resetPending = false;
        fitView();
    } else {
        refeed();
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT q->drawn();
}

// --- drawing -----------------------------------------------------------------------------------

QCPGraph *CurvePlot::Private::addGraph(const PlotCurve &c, const std::vector<double> &y, const QPen &pen,
                                       const char *role)
{
    auto *graph = plot->addGraph();
    graph->setPen(pen);
    graph->setName(c.label);
    graph->setProperty("curve", c.kind == PlotCurve::Kind::Member ? c.group + QLatin1String(" / ") + c.label : c.label);
    graph->setProperty("role", QString::fromLatin1(role));
    Drawn dr;
    dr.graph = graph;
    dr.data.x.reserve(c.shown.x.size());
    dr.data.y.reserve(y.size());
    for (size_t i = 0; i < c.shown.x.size(); ++i) {
        const double x = c.shown.x[i];
        if ((modelLogX && !(x > 0)) || (modelLogY && !(y[i] > 0)))
            continue; // log axes show positive values only
        dr.data.x.push_back(modelLogX ? std::log10(x) : x);
        dr.data.y.push_back(y[i]);
    }
    drawn.push_back(std::move(dr));
    return graph;
}

void CurvePlot::Private::rebuildGraphs()
{
    plot->clearPlottables();
    drawn.clear();
    columns = 0;
    if (!model)
        return;
    const bool smoothed = smoothing > 0;
    using Kind = PlotCurve::Kind;
    // Bottom to top: bands, faint raw curves, members, then the curves people read.
    for (const PlotCurve &c : model->curves) {
        if (c.kind != Kind::Group)
            continue;
        QCPGraph *lower = addGraph(c, c.lower, Qt::NoPen, "lower");
        QCPGraph *upper = addGraph(c, c.upper, Qt::NoPen, "upper");
        auto *fill = new BandFill(lower, upper);
        fill->setBrush(withAlpha(c.colour, kBandAlpha));
        fill->setProperty("curve", c.label);
        fill->setProperty("role", QStringLiteral("band"));
    }
    if (smoothed)
        for (const PlotCurve &c : model->curves)
            if (c.kind != Kind::Member)
                addGraph(c, c.raw, QPen(withAlpha(c.colour, kRawAlpha), 1), "raw");
    for (const PlotCurve &c : model->curves)
        if (c.kind == Kind::Member)
            addGraph(c, c.shown.y, QPen(withAlpha(c.colour, kMemberAlpha), 1), "member");
    for (const PlotCurve &c : model->curves) {
        if (c.kind == Kind::Member)
            continue;
        const bool group = c.kind == Kind::Group;
        QCPGraph *g = addGraph(c, c.shown.y, QPen(c.colour, group ? 2.0 : 1.0), group ? "mean" : "line");
        g->addToLegend();
        drawn.back().smooth = smoothed;
    }
}

// Feeds every graph its full data reduced to the visible x range, four points per pixel column.
void CurvePlot::Private::refeed()
{
    const QCPRange range = plot->xAxis->range();
    double x0 = range.lower, x1 = range.upper;
    if (modelLogX) {
        x0 = std::log10(std::max(x0, std::numeric_limits<double>::min()));
        x1 = std::log10(std::max(x1, std::numeric_limits<double>::min()));
    }
    columns = plot->axisRect()->width();
    // Two pixels per column: the envelope of a noisy curve looks the same, and drawing it costs
    // half (QPainter time grows with the tall segments of every column).
    const int perColumn = std::max(1, columns / 2);
    qsizetype fed = 0, fedSmooth = 0;
    for (Drawn &dr : drawn) {
        const compare::Series s = compare::downsampleMinMax(dr.data, x0, x1, perColumn);
        QVector<double> keys(s.size()), values(s.y.begin(), s.y.end());
        for (int i = 0; i < s.size(); ++i)
            keys[i] = modelLogX ? std::pow(10.0, s.x[size_t(i)]) : s.x[size_t(i)];
        dr.graph->setData(keys, values, true);
        if (dr.graph->pen().style() != Qt::NoPen)
            (dr.smooth ? fedSmooth : fed) += keys.size();
    }
    for (Drawn &dr : drawn)
        dr.graph->setAntialiased(dr.smooth ? fedSmooth <= kAntialiasBudget : fed + fedSmooth <= kAntialiasBudget);
}

// Both axes fitted to all drawn data (full resolution, not what is fed to the graphs).
void CurvePlot::Private::fitView()
{
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const Drawn &dr : drawn) {
        if (dr.data.empty())
            continue;
        x0 = std::min(x0, dr.data.x.front());
        x1 = std::max(x1, dr.data.x.back());
        for (double y : dr.data.y)
            if (std::isfinite(y)) {
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    }
    settingRange = true;
    if (x0 <= x1) {
        if (modelLogX) {
            x0 = std::pow(10.0, x0);
            x1 = std::pow(10.0, x1);
        }
        if (x1 == x0)
            x1 = x0 + (modelLogX ? x0 : 1.0);
        plot->xAxis->setRange(x0, x1);
    }
    if (y0 <= y1) {
        if (modelLogY) {
            const double pad = std::pow(y1 / y0, 0.05);
            plot->yAxis->setRange(y0 / std::max(pad, 1.1), y1 * std::max(pad, 1.1));
        } else {
            const double pad = y1 > y0 ? (y1 - y0) * 0.05 : std::max(std::abs(y0) * 0.05, 1e-9);
            plot->yAxis->setRange(y0 - pad, y1 + pad);
        }
    }
    settingRange = false;
    refeed();
}

void CurvePlot::Private::updateAxes()
{
    const auto scale = [](QCPAxis *axis, bool log) {
        axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (log)
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        else
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat(log ? QStringLiteral("eb") : QStringLiteral("gb"));
        axis->setNumberPrecision(log ? 0 : 6);
    };
    scale(plot->xAxis, modelLogX);
    scale(plot->yAxis, modelLogY);
    plot->xAxis->setLabel(axisLabel());
    plot->yAxis->setLabel(metric);
}

QString CurvePlot::Private::axisLabel() const
{
    if (axis == QLatin1String("epoch"))
        return CurvePlot::tr("Epoch");
    if (axis == QLatin1String("wall"))
        return CurvePlot::tr("Wall time (s)");
    if (axis == QLatin1String("relative"))
        return CurvePlot::tr("Time since the first point (s)");
    return CurvePlot::tr("Step");
}

void CurvePlot::resetView()
{
    d->fitView();
    d->plot->replot(QCustomPlot::rpQueuedReplot);
}

// --- the cursor --------------------------------------------------------------------------------

QStringList CurvePlot::readoutAt(double x) const
{
    QStringList lines;
    if (!d->model)
        return lines;
    for (const PlotCurve &c : d->model->curves) {
        if (c.kind == PlotCurve::Kind::Member)
            continue;
        const auto it = std::upper_bound(c.shown.x.begin(), c.shown.x.end(), x);
        const size_t i = size_t(it - c.shown.x.begin());
        QString line = c.label + QLatin1String(": ") + formatValue(i > 0 ? c.shown.y[i - 1] : kNoValue);
        if (c.kind == PlotCurve::Kind::Group && i > 0)
            line += QStringLiteral(" (%1 … %2, n = %3)")
                        .arg(formatValue(c.lower[i - 1]), formatValue(c.upper[i - 1]))
                        .arg(c.n[i - 1]);
        lines << line;
    }
    return lines;
}

void CurvePlot::Private::moveCursor(const QPointF &pos)
{
    QCPAxisRect *rect = plot->axisRect();
    if (!model || !rect->rect().contains(pos.toPoint()) || QGuiApplication::mouseButtons() != Qt::NoButton) {
        hideCursor();
        return;
    }
    const double x = plot->xAxis->pixelToCoord(pos.x());
    cursorLine->point1->setCoords(x, 0);
    cursorLine->point2->setCoords(x, 1);
    QStringList lines = q->readoutAt(x);
    lines.prepend(axisLabel() + QLatin1String(": ") + formatValue(x));
    cursorText->setText(lines.join(QLatin1Char('\n')));
    // Beside the line, on the side with more room.
    const bool left = pos.x() > rect->center().x();
    cursorText->setPositionAlignment(Qt::AlignTop | (left ? Qt::AlignRight : Qt::AlignLeft));
    cursorText->position->setCoords(plot->xAxis->pixelToCoord(pos.x() + (left ? -6 : 6)), 0.02);
    cursorLine->setVisible(true);
    cursorText->setVisible(true);
    cursorLayer->replot();
}

void CurvePlot::Private::hideCursor()
{
    if (!cursorLine->visible())
        return;
    cursorLine->setVisible(false);
    cursorText->setVisible(false);
    cursorLayer->replot();
}

// --- export ------------------------------------------------------------------------------------

Status CurvePlot::exportImage(const QString &path) const
{
    d->hideCursor();
    return savePlotImage(d->plot, path, d->metric);
}

Status CurvePlot::exportCsv(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return makeError(QStringLiteral("write"), CurvePlot::tr("Cannot write %1: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out << "curve,kind," << csvField(d->axis) << ",raw,smoothed,mean,lower,upper,n\n";
    if (d->model) {
        for (const PlotCurve &c : d->model->curves) {
            const bool group = c.kind == PlotCurve::Kind::Group;
            const QString label =
                csvField(c.kind == PlotCurve::Kind::Member ? c.group + QLatin1String(" / ") + c.label : c.label);
            const QLatin1String kind(group ? "group" : c.kind == PlotCurve::Kind::Member ? "member" : "run");
            for (size_t i = 0; i < c.shown.x.size(); ++i) {
                out << label << ',' << kind << ',' << csvNumber(c.shown.x[i]) << ',' << csvNumber(c.raw[i]) << ','
                    << csvNumber(c.shown.y[i]);
                if (group)
                    out << ',' << csvNumber(c.shown.y[i]) << ',' << csvNumber(c.lower[i]) << ','
                        << csvNumber(c.upper[i]) << ',' << c.n[i] << '\n';
                else
                    out << ",,,,\n";
            }
        }
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return makeError(QStringLiteral("write"), CurvePlot::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

void CurvePlot::Private::exportImageDialog()
{
    QString selected;
    const QString suggested =
        QDir(folder).filePath(QString(metric).replace(QLatin1Char('/'), QLatin1Char('_')) + QLatin1String(".png"));
    QString path = QFileDialog::getSaveFileName(
        q, CurvePlot::tr("Export plot"), suggested,
        CurvePlot::tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.svg"))   ? QLatin1String(".svg")
                : selected.contains(QLatin1String("*.pdf")) ? QLatin1String(".pdf")
                                                            : QLatin1String(".png");
    const Status s = q->exportImage(path);
    status->setText(s ? CurvePlot::tr("Exported %1").arg(QDir::toNativeSeparators(path)) : s.error().message);
}

void CurvePlot::Private::exportCsvDialog()
{
    const QString suggested =
        QDir(folder).filePath(QString(metric).replace(QLatin1Char('/'), QLatin1Char('_')) + QLatin1String(".csv"));
    QString path = QFileDialog::getSaveFileName(q, CurvePlot::tr("Export plotted data"), suggested,
                                                CurvePlot::tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(".csv");
    const Status s = q->exportCsv(path);
    status->setText(s ? CurvePlot::tr("Exported %1").arg(QDir::toNativeSeparators(path)) : s.error().message);
}

} // namespace avt::widgets
