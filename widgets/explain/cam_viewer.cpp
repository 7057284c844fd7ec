#include "widgets/explain/cam_viewer.h"

#include "widgets/common/background.h"
#include "widgets/common/pixmap_export.h"
#include "widgets/explain/cam_row.h"
#include "widgets/explain/class_table.h"
#include "widgets/explain/layer_picker.h"
#include "widgets/explain/run_list.h"
#include "widgets/settings/cam_viewer_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <mutex>

namespace avt::widgets {

namespace {

const QStringList kColourMaps = {QStringLiteral("jet"),     QStringLiteral("turbo"), QStringLiteral("inferno"),
                                 QStringLiteral("viridis"), QStringLiteral("hot"),   QStringLiteral("magma"),
                                 QStringLiteral("plasma"),  QStringLiteral("parula")};

struct RowOutcome {
    std::shared_ptr<const gradcam::ViewResult> result;
    QString error;
    bool cancelled = false;
};

// A row's map: from the cache when it is there (without waiting for another row's computation),
// else computed.
std::shared_ptr<RowOutcome> computeRow(gradcam::ViewEngine &engine, const gradcam::ViewRequest &request,
                                       const std::atomic<bool> *cancel,
                                       const std::function<void(const QString &)> &stage)
{
    auto outcome = std::make_shared<RowOutcome>();
    auto r = engine.cached(request);
    if (!r && r.error().code != QLatin1String("missing") && r.error().code != QLatin1String("corrupt")) {
        outcome->error = r.error().message;
        return outcome;
    }
    if (!r)
        r = engine.compute(request, cancel, stage);
    if (r)
        outcome->result = std::make_shared<const gradcam::ViewResult>(std::move(*r));
    else if (r.error().code == QLatin1String("cancelled"))
        outcome->cancelled = true;
    else
        outcome->error = r.error().message;
    return outcome;
}

void selectData(QComboBox *box, const QString &data)
{
    const int i = box->findData(data);
    if (i >= 0)
        box->setCurrentIndex(i);
}

} // namespace

// What a background computation is doing, read by the GUI thread's poll timer.
struct CamViewer::Stage {
    std::mutex mutex;
    QString text;
    void set(const QString &s)
    {
        std::lock_guard lock(mutex);
        text = s;
    }
    QString get()
    {
        std::lock_guard lock(mutex);
        return text;
    }
};

CamViewer::CamViewer(QWidget *parent)
    : QWidget(parent), m_runList(new CamRunList(this)), m_layers(new CamLayerPicker(this)),
      m_method(new QComboBox(this)), m_weighting(new QComboBox(this)), m_head(new QComboBox(this)),
      m_targetBox(new QComboBox(this)), m_topK(new QSpinBox(this)), m_classTable(new CamClassTable(this)),
      m_colours(new QComboBox(this)), m_opacity(new QSlider(Qt::Horizontal, this)),
      m_shared(new QCheckBox(tr("One colour scale for all runs"), this)),
      m_difference(new QCheckBox(tr("Show the difference of the first two runs"), this)), m_rowsLayout(nullptr),
      m_rowsWidget(new QWidget(this)), m_diffRow(new CamRow(this)), m_scrubber(new QSlider(Qt::Horizontal, this)),
      m_play(new QToolButton(this)), m_frameLabel(new QLabel(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_cancelButton(new QPushButton(tr("Cancel"), this)),
      m_debounce(new QTimer(this)), m_playTimer(new QTimer(this)), m_stageTimer(new QTimer(this))
{
    buildControls();
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(30);
    connect(m_debounce, &QTimer::timeout, this, &CamViewer::refresh);
    m_playTimer->setInterval(250);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        const int n = frameCount();
        if (n > 0)
            setFrame((m_frame + 1) % n);
    });
    m_stageTimer->setInterval(150);
    connect(m_stageTimer, &QTimer::timeout, this, &CamViewer::pollStages);

    const auto shortcut = [this](QKeySequence key, auto fn) {
        auto *s = new QShortcut(key, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, fn);
    };
    shortcut(QKeySequence(Qt::Key_Left), [this] { setFrame(std::max(0, m_frame - 1)); });
    shortcut(QKeySequence(Qt::Key_Right), [this] { setFrame(std::min(std::max(0, frameCount() - 1), m_frame + 1)); });
    shortcut(QKeySequence(Qt::Key_Up), [this] { emit clipStepRequested(-1); });
    shortcut(QKeySequence(Qt::Key_Down), [this] { emit clipStepRequested(1); });
    shortcut(QKeySequence(Qt::Key_Space), [this] { setPlaying(!isPlaying()); });
    updateStatus();
}

CamViewer::~CamViewer()
{
    if (m_cancel)
        m_cancel->store(true);
}

void CamViewer::buildControls()
{
    const CamViewerSettings settings;
    m_restoring = true;
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(buildControlsPane(settings));
    split->addWidget(buildRowsPane());
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);
    m_restoring = false;
}

// Left: runs, layers, map, display, exports.
QWidget *CamViewer::buildControlsPane(const CamViewerSettings &settings)
{
    // Runs.
    connect(m_runList, &CamRunList::tickedChanged, this, [this] {
        saveSettings();
        scheduleRefresh();
    });
    connect(m_runList, &CamRunList::checkpointChanged, this, &CamViewer::scheduleRefresh);
    connect(m_runList, &CamRunList::refused, m_status, &QLabel::setText);

    // Layers.
    m_videoLayer = settings.videoLayer();
    m_audioLayer = settings.audioLayer();
    connect(m_layers, &CamLayerPicker::layerChosen, this, [this](const QString &name, bool video) {
        (video ? m_videoLayer : m_audioLayer) = name;
        saveSettings();
        scheduleRefresh();
    });
    connect(m_layers, &CamLayerPicker::defaultsRequested, this, [this] { setLayers({}, {}); });

    auto *runsBox = new QGroupBox(tr("Runs (up to four)"), this);
    auto *runsLayout = new QVBoxLayout(runsBox);
    runsLayout->addWidget(m_runList);
    auto *layerBox = new QGroupBox(tr("Layer"), this);
    auto *layerLayout = new QVBoxLayout(layerBox);
    layerLayout->addWidget(m_layers);
    auto *mapBox = buildMapBox(settings);
    auto *displayBox = buildDisplayBox(settings);
    auto *exportView = new QPushButton(tr("Export View…"), this);
    auto *exportAll = new QPushButton(tr("Export Files…"), this);
    exportView->setToolTip(tr("What is on screen as PNG or PDF"));
    exportAll->setToolTip(tr("Overlays, strip, MP4, maps as .npy and JSON, as the gradcam verb writes them"));
    connect(exportView, &QPushButton::clicked, this, &CamViewer::exportViewDialog);
    connect(exportAll, &QPushButton::clicked, this, &CamViewer::exportAllDialog);
    auto *exports = new QHBoxLayout;
    exports->addWidget(exportView);
    exports->addWidget(exportAll);

    auto *controls = new QWidget(this);
    auto *controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(runsBox, 2);
    controlsLayout->addWidget(layerBox, 3);
    controlsLayout->addWidget(mapBox, 3);
    controlsLayout->addWidget(displayBox);
    controlsLayout->addLayout(exports);
    auto *controlsScroll = new QScrollArea(this);
    controlsScroll->setWidget(controls);
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setMinimumWidth(420);
    return controlsScroll;
}

QGroupBox *CamViewer::buildMapBox(const CamViewerSettings &settings)
{
    m_method->addItem(tr("Grad-CAM"), QStringLiteral("gradcam"));
    m_method->addItem(tr("Grad-CAM++"), QStringLiteral("gradcam++"));
    m_weighting->addItem(tr("per time slice"), QStringLiteral("slice"));
    m_weighting->addItem(tr("per clip"), QStringLiteral("clip"));
    m_head->addItem(tr("main"), QStringLiteral("main"));
    m_targetBox->addItem(tr("the prediction"), int(gradcam::TargetKind::Predicted));
    m_targetBox->addItem(tr("the ground truth"), int(gradcam::TargetKind::GroundTruth));
    m_targetBox->addItem(tr("the k-th best class"), int(gradcam::TargetKind::TopK));
    m_targetBox->addItem(tr("the class picked below"), int(gradcam::TargetKind::Class));
    m_topK->setRange(1, 1000);
    m_topK->setPrefix(tr("k = "));
    selectData(m_method, settings.method());
    selectData(m_weighting, settings.weighting());
    m_targetBox->setCurrentIndex(std::clamp(settings.target(), 0, 2)); // a picked class is not restored
    m_target = gradcam::TargetKind(m_targetBox->currentData().toInt());
    m_topK->setValue(settings.topK());
    m_topK->setEnabled(m_target == gradcam::TargetKind::TopK);
    m_head->setProperty("wanted", settings.head());
    for (QComboBox *box : {m_method, m_weighting, m_head})
        connect(box, &QComboBox::activated, this, [this] {
            saveSettings();
            scheduleRefresh();
        });
    connect(m_targetBox, &QComboBox::activated, this, [this] {
        m_target = gradcam::TargetKind(m_targetBox->currentData().toInt());
        m_topK->setEnabled(m_target == gradcam::TargetKind::TopK);
        saveSettings();
        scheduleRefresh();
    });
    connect(m_topK, &QSpinBox::valueChanged, this, [this] {
        if (m_target == gradcam::TargetKind::TopK) {
            saveSettings();
            scheduleRefresh();
        }
    });

    connect(m_classTable, &CamClassTable::classPicked, this,
            [this](int classIndex) { setTarget(gradcam::TargetKind::Class, m_topK->value(), classIndex); });

    auto *mapBox = new QGroupBox(tr("Map"), this);
    auto *form = new QFormLayout(mapBox);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Weighting:"), m_weighting);
    form->addRow(tr("&Head:"), m_head);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targetBox, 1);
    targetRow->addWidget(m_topK);
    form->addRow(tr("Explain:"), targetRow);
    form->addRow(m_classTable);
    return mapBox;
}

QGroupBox *CamViewer::buildDisplayBox(const CamViewerSettings &settings)
{
    for (const QString &name : kColourMaps)
        m_colours->addItem(name, name);
    selectData(m_colours, settings.colourMap());
    m_opacity->setRange(0, 100);
    m_opacity->setValue(int(std::lround(settings.opacity() * 100)));
    m_shared->setChecked(settings.sharedScale());
    m_shared->setToolTip(tr("Off: each map is divided by its own maximum. On: maps keep their size relative to the "
                            "largest map shown (before normalising), so a weaker map looks weaker."));
    m_difference->setChecked(settings.difference());
    connect(m_colours, &QComboBox::activated, this, [this] { saveSettings(), updateDisplay(); });
    connect(m_opacity, &QSlider::valueChanged, this, [this] { saveSettings(), updateDisplay(); });
    connect(m_shared, &QCheckBox::toggled, this, [this] { saveSettings(), updateDisplay(); });
    connect(m_difference, &QCheckBox::toggled, this, [this] { saveSettings(), updateDisplay(); });

    auto *displayBox = new QGroupBox(tr("Display"), this);
    auto *display = new QFormLayout(displayBox);
    display->addRow(tr("&Colours:"), m_colours);
    display->addRow(tr("&Opacity:"), m_opacity);
    display->addRow(m_shared);
    display->addRow(m_difference);
    return displayBox;
}

// Right: one row per run (and the difference row), the transport and the status line.
QWidget *CamViewer::buildRowsPane()
{
    m_rowsLayout = new QVBoxLayout(m_rowsWidget);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addWidget(m_diffRow);
    m_rowsLayout->addStretch(1);
    m_diffRow->hide();
    connect(m_diffRow, &CamRow::frameClicked, this, &CamViewer::setFrame);
    auto *rowsScroll = new QScrollArea(this);
    rowsScroll->setWidget(m_rowsWidget);
    rowsScroll->setWidgetResizable(true);
    m_play->setText(tr("Play"));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Play the frames (Space)"));
    connect(m_play, &QToolButton::toggled, this, [this](bool on) { on ? m_playTimer->start() : m_playTimer->stop(); });
    auto *prev = new QToolButton(this);
    prev->setArrowType(Qt::LeftArrow);
    prev->setToolTip(tr("Previous frame (Left)"));
    connect(prev, &QToolButton::clicked, this, [this] { setFrame(std::max(0, m_frame - 1)); });
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::RightArrow);
    next->setToolTip(tr("Next frame (Right)"));
    connect(next, &QToolButton::clicked, this,
            [this] { setFrame(std::min(std::max(0, frameCount() - 1), m_frame + 1)); });
    m_scrubber->setRange(0, 0);
    connect(m_scrubber, &QSlider::valueChanged, this, &CamViewer::setFrame);
    auto *transport = new QHBoxLayout;
    transport->addWidget(m_play);
    transport->addWidget(prev);
    transport->addWidget(next);
    transport->addWidget(m_scrubber, 1);
    transport->addWidget(m_frameLabel);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &CamViewer::cancel);
    m_status->setWordWrap(true);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancelButton);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(rowsScroll, 1);
    rightLayout->addLayout(transport);
    rightLayout->addLayout(statusRow);
    return right;
}

void CamViewer::setWorkspace(const QString &folder)
{
    if (m_cancel)
        m_cancel->store(true);
    m_workspace = folder;
    m_engine = std::make_shared<gradcam::ViewEngine>(folder);
    m_clip = {};
    listRuns();
}

void CamViewer::listRuns()
{
    if (!m_engine)
        return;
    auto engine = m_engine;
    const quint64 generation = ++m_generation;
    whenFinished(this, runInBackground([engine] {
                     auto r = engine->runs();
                     return std::make_shared<Result<QList<gradcam::ViewRun>>>(std::move(r));
                 }),
                 [this, engine, generation](const std::shared_ptr<Result<QList<gradcam::ViewRun>>> &runs) {
                     if (engine != m_engine)
                         return;
                     const QStringList wanted = selectedRuns().isEmpty() ? CamViewerSettings().runs() : selectedRuns();
                     if (!*runs) {
                         m_runList->clear();
                         m_status->setText(tr("Cannot list the runs: %1").arg(runs->error().message));
                         return;
                     }
                     m_runList->fill(**runs, wanted);
                     emit runsListed();
                     if (generation == m_generation)
                         scheduleRefresh();
                 });
}

QStringList CamViewer::selectedRuns() const { return m_runList->ticked(); }

QStringList CamViewer::availableRuns() const { return m_runList->names(); }

QTreeWidget *CamViewer::runList() const { return m_runList; }

void CamViewer::setRuns(const QStringList &runs)
{
    m_runList->tick(runs);
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setCheckpoint(const QString &run, const QString &file)
{
    m_runList->setCheckpoint(run, file);
    scheduleRefresh();
}

void CamViewer::setClip(const ClipRef &clip)
{
    if (clip == m_clip)
        return;
    m_clip = clip;
    scheduleRefresh();
}

void CamViewer::setLayers(const QString &videoLayer, const QString &audioLayer)
{
    m_videoLayer = videoLayer;
    m_audioLayer = audioLayer;
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setMethod(const QString &method)
{
    selectData(m_method, method);
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setWeighting(const QString &weighting)
{
    selectData(m_weighting, weighting);
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setHead(const QString &head)
{
    if (m_head->findData(head) < 0)
        m_head->addItem(head, head);
    selectData(m_head, head);
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setTarget(gradcam::TargetKind kind, int k, int classIndex)
{
    m_target = kind;
    m_classIndex = classIndex;
    m_targetBox->setCurrentIndex(m_targetBox->findData(int(kind)));
    m_topK->blockSignals(true);
    m_topK->setValue(k);
    m_topK->blockSignals(false);
    m_topK->setEnabled(kind == gradcam::TargetKind::TopK);
    saveSettings();
    scheduleRefresh();
}

void CamViewer::setColourMap(const QString &name)
{
    selectData(m_colours, name);
    saveSettings();
    updateDisplay();
}

void CamViewer::setOpacity(double alpha) { m_opacity->setValue(int(std::lround(std::clamp(alpha, 0.0, 1.0) * 100))); }
void CamViewer::setSharedScale(bool shared) { m_shared->setChecked(shared); }
void CamViewer::setShowDifference(bool show) { m_difference->setChecked(show); }

int CamViewer::frameCount() const
{
    int n = 0;
    for (const CamRow *r : m_rows)
        if (r->result())
            n = std::max(n, r->result()->frameCount);
    return n;
}

void CamViewer::setFrame(int frame)
{
    const int n = frameCount();
    m_frame = std::clamp(frame, 0, std::max(0, n - 1));
    if (m_scrubber->value() != m_frame) {
        m_scrubber->blockSignals(true);
        m_scrubber->setValue(m_frame);
        m_scrubber->blockSignals(false);
    }
    for (CamRow *r : m_rows)
        r->setFrame(m_frame);
    if (m_diffRow->isVisible())
        m_diffRow->setFrame(m_frame);
    double t = -1;
    for (const CamRow *r : m_rows)
        if (r->result() && m_frame < int(r->result()->frameTimes.size())) {
            t = r->result()->frameTimes[size_t(m_frame)];
            break;
        }
    m_frameLabel->setText(n > 0 ? tr("frame %1 / %2 · %3 s").arg(m_frame + 1).arg(n).arg(t, 0, 'f', 2) : QString());
}

void CamViewer::setPlaying(bool playing) { m_play->setChecked(playing); }
bool CamViewer::isPlaying() const { return m_play->isChecked(); }

gradcam::ViewRequest CamViewer::requestFor(const QString &run) const
{
    gradcam::ViewRequest r;
    r.run = run;
    r.checkpoint = m_runList->checkpoint(run);
    r.clipId = m_clip.id;
    r.media = m_clip.path;
    r.videoLayer = m_videoLayer;
    r.audioLayer = m_audioLayer;
    r.method = m_method->currentData().toString();
    r.weighting = m_weighting->currentData().toString();
    r.head = m_head->currentData().toString();
    r.target = m_target;
    r.k = m_topK->value();
    r.classIndex = m_classIndex;
    return r;
}

void CamViewer::scheduleRefresh()
{
    if (m_restoring)
        return;
    // Results on their way are stale from now on, not only once the debounced refresh runs.
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_debounce->start();
}

bool CamViewer::isBusy() const { return m_pending > 0 || m_debounce->isActive(); }

void CamViewer::refresh()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const QStringList runs = selectedRuns();
    while (m_rows.size() > runs.size())
        delete m_rows.takeLast();
    while (m_rows.size() < runs.size()) {
        auto *row = new CamRow(m_rowsWidget);
        connect(row, &CamRow::frameClicked, this, &CamViewer::setFrame);
        m_rowsLayout->insertWidget(int(m_rows.size()), row);
        m_rows << row;
    }
    m_diffRow->hide();
    m_stages.clear();
    m_pending = 0;
    m_lastError.clear();
    if (!m_engine || runs.isEmpty() || !m_clip.isValid()) {
        for (CamRow *r : m_rows)
            r->setMessage(tr("Pick a clip in the dataset browser"));
        updateStatus();
        return;
    }
    const quint64 generation = m_generation;
    for (int i = 0; i < runs.size(); ++i) {
        CamRow *row = m_rows[i];
        row->setTitle(runs[i]);
        row->setMessage(tr("Waiting…"));
        const gradcam::ViewRequest request = requestFor(runs[i]);
        auto stage = std::make_shared<Stage>();
        m_stages.push_back(stage);
        auto engine = m_engine;
        auto cancel = m_cancel;
        ++m_pending;
        whenFinished(
            this, runInBackground([engine, request, cancel, stage] {
                return computeRow(*engine, request, cancel.get(), [stage](const QString &s) { stage->set(s); });
            }),
            [this, generation, i](const std::shared_ptr<RowOutcome> &o) {
                if (generation != m_generation || i >= m_rows.size())
                    return; // a stale result: the controls changed since
                --m_pending;
                CamRow *row = m_rows[i];
                if (o->result) {
                    row->setResult(o->result);
                    if (i == 0 || !m_rows[0]->result()) {
                        m_layers->showLayers(*o->result);
                        m_classTable->showScores(*o->result);
                        m_topK->setMaximum(std::max(1, m_classTable->rowCount()));
                        updateHeads(*o->result);
                    }
                } else if (o->cancelled) {
                    row->setMessage(tr("Cancelled"), true);
                } else {
                    row->setMessage(o->error, true);
                    m_lastError = o->error;
                }
                updateDisplay();
                updateStatus();
                emit resultsUpdated();
                if (m_pending == 0)
                    emit computationFinished();
            },
            [this, generation, i](const QString &message) {
                if (generation != m_generation || i >= m_rows.size())
                    return;
                --m_pending;
                m_rows[i]->setMessage(message, true);
                m_lastError = message;
                updateStatus();
                emit resultsUpdated();
                if (m_pending == 0)
                    emit computationFinished();
            });
    }
    updateStatus();
}

void CamViewer::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_pending > 0)
        m_status->setText(tr("Cancelling…"));
}

std::vector<std::shared_ptr<const gradcam::ViewResult>> CamViewer::results() const
{
    std::vector<std::shared_ptr<const gradcam::ViewResult>> out;
    for (const CamRow *r : m_rows)
        out.push_back(r->result());
    return out;
}

void CamViewer::updateDisplay()
{
    const auto colours = gradcam::colormapTable(gradcam::colormapByName(m_colours->currentData().toString()));
    const double alpha = m_opacity->value() / 100.0;
    double maxVideo = 0, maxAudio = 0;
    for (const CamRow *r : m_rows)
        if (r->result()) {
            maxVideo = std::max(maxVideo, r->result()->videoPeak);
            maxAudio = std::max(maxAudio, r->result()->audioPeak);
        }
    const bool shared = m_shared->isChecked();
    auto scales = [&](const gradcam::ViewResult &v) {
        return std::pair<double, double>{shared && maxVideo > 0 ? v.videoPeak / maxVideo : 1.0,
                                         shared && maxAudio > 0 ? v.audioPeak / maxAudio : 1.0};
    };
    for (CamRow *r : m_rows) {
        if (!r->result())
            continue;
        const auto [sv, sa] = scales(*r->result());
        r->setDisplay(colours, alpha, sv, sa);
    }
    const bool diff = m_difference->isChecked() && m_rows.size() >= 2 && m_rows[0]->result() && m_rows[1]->result();
    if (diff) {
        const auto a = m_rows[0]->result(), b = m_rows[1]->result();
        m_diffRow->setDisplay(colours, alpha, 1.0, 1.0);
        m_diffRow->setDifference(a, scales(*a).first, b, scales(*b).first);
        if (a->frameSize != b->frameSize || a->videoMap.shape != b->videoMap.shape)
            m_diffRow->setMessage(
                tr("%1 and %2 have maps of different sizes: no difference to show").arg(a->run, b->run), true);
    }
    m_diffRow->setVisible(diff);
    const int n = frameCount();
    m_scrubber->setRange(0, std::max(0, n - 1));
    setFrame(m_frame);
}

void CamViewer::updateHeads(const gradcam::ViewResult &v)
{
    const QString wanted = m_head->property("wanted").toString();
    const QString current = m_head->currentData().toString();
    QStringList have;
    for (int i = 0; i < m_head->count(); ++i)
        have << m_head->itemData(i).toString();
    if (have == v.heads)
        return;
    m_head->clear();
    for (const QString &h : v.heads)
        m_head->addItem(h == QLatin1String("main") && v.heads.contains(QStringLiteral("noun")) ? tr("main (verb)") : h,
                        h);
    selectData(m_head, v.heads.contains(current) ? current : wanted);
    if (m_head->currentData().toString() != current)
        scheduleRefresh(); // the restored head exists in this model
}

void CamViewer::updateStatus()
{
    const int total = int(m_rows.size());
    m_progress->setVisible(m_pending > 0);
    m_cancelButton->setVisible(m_pending > 0);
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(total - m_pending);
    m_pending > 0 ? m_stageTimer->start() : m_stageTimer->stop();
    QString text;
    if (!m_engine)
        text = tr("Open a workspace with trained runs");
    else if (m_runList->topLevelItemCount() == 0)
        text = tr("This workspace has no runs yet: train one (avt-workbench --batch train) to explain it");
    else if (selectedRuns().isEmpty())
        text = tr("Tick one to four runs");
    else if (!m_clip.isValid())
        text = tr("Pick a clip in the dataset browser");
    else if (m_pending > 0)
        text = tr("Computing maps of %1 runs on %2…").arg(m_pending).arg(m_clip.title);
    else {
        int cached = 0, computed = 0;
        double seconds = 0;
        for (const CamRow *r : m_rows)
            if (r->result()) {
                (r->result()->fromCache ? cached : computed)++;
                seconds += r->result()->fromCache ? 0.0 : r->result()->seconds;
            }
        text = tr("%1: %2 runs shown (%3 from the cache, %4 computed in %5 s)")
                   .arg(m_clip.title)
                   .arg(cached + computed)
                   .arg(cached)
                   .arg(computed)
                   .arg(seconds, 0, 'f', 2);
        if (!m_lastError.isEmpty())
            text += tr("; %1").arg(m_lastError);
    }
    m_status->setText(text);
    emit busyChanged(m_pending > 0, tr("Grad-CAM maps"));
}

void CamViewer::pollStages()
{
    for (size_t i = 0; i < m_stages.size() && int(i) < m_rows.size(); ++i)
        if (!m_rows[int(i)]->result() && !m_rows[int(i)]->isError()) {
            const QString s = m_stages[i]->get();
            if (!s.isEmpty())
                m_rows[int(i)]->setMessage(s + QStringLiteral("…"));
        }
}

QString CamViewer::statusText() const { return m_status->text(); }

QTreeWidget *CamViewer::layerTree() const { return m_layers->tree(); }

QTableWidget *CamViewer::classTable() const { return m_classTable; }

void CamViewer::saveSettings() const
{
    if (m_restoring)
        return;
    const CamViewerSettings s;
    s.setRuns(selectedRuns());
    s.setVideoLayer(m_videoLayer);
    s.setAudioLayer(m_audioLayer);
    s.setMethod(m_method->currentData().toString());
    s.setWeighting(m_weighting->currentData().toString());
    if (m_head->count() > 0)
        s.setHead(m_head->currentData().toString());
    s.setTarget(int(m_target));
    s.setTopK(m_topK->value());
    s.setColourMap(m_colours->currentData().toString());
    s.setOpacity(m_opacity->value() / 100.0);
    s.setSharedScale(m_shared->isChecked());
    s.setDifference(m_difference->isChecked());
}

Status CamViewer::exportView(const QString &file) { return savePixmap(m_rowsWidget->grab(), file); }

void CamViewer::exportAll(const QString &dir)
{
    auto results = std::make_shared<std::vector<std::shared_ptr<const gradcam::ViewResult>>>();
    for (const auto &r : this->results())
        if (r)
            results->push_back(r);
    if (results->empty()) {
        emit exportFinished(false, tr("Nothing to export yet"));
        return;
    }
    const QString colours = m_colours->currentData().toString();
    const double alpha = m_opacity->value() / 100.0;
    emit busyChanged(true, tr("Exporting Grad-CAM files"));
    whenFinished(this, runInBackground([results, dir, colours, alpha] {
                     std::vector<const gradcam::ViewResult *> rows;
                     for (const auto &r : *results)
                         rows.push_back(r.get());
                     auto report = gradcam::writeViewExport(dir, rows, colours, alpha);
                     return report ? QString() : report.error().message;
                 }),
                 [this, dir](const QString &error) {
                     emit busyChanged(false, tr("Exporting Grad-CAM files"));
                     if (error.isEmpty())
                         m_status->setText(tr("Exported to %1").arg(dir));
                     else
                         m_status->setText(tr("Export failed: %1").arg(error));
                     emit exportFinished(error.isEmpty(), error.isEmpty() ? dir : error);
                 });
}

void CamViewer::exportViewDialog()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Grad-CAM View"), QStringLiteral("gradcam.png"),
                                                      tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (file.isEmpty())
        return;
    if (auto st = exportView(file); !st)
        QMessageBox::warning(this, tr("Export Grad-CAM View"), st.error().message);
}

void CamViewer::exportAllDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Grad-CAM Files To"));
    if (!dir.isEmpty())
        exportAll(dir);
}

} // namespace avt::widgets
