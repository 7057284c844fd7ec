#include "widgets/inspector/segment_inspector.h"

#include "widgets/common/background.h"
#include "widgets/common/colour_maps.h"
#include "widgets/inspector/detector_form.h"
#include "widgets/inspector/segment_plot.h"
#include "widgets/settings/inspector_settings.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace avt::widgets {

namespace {
using InputResult = std::shared_ptr<Result<preview::ModelAudioInput>>;
using OverlayResult = std::shared_ptr<Result<preview::SegmentOverlay>>;
} // namespace

SegmentInspector::SegmentInspector(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_stats(new QComboBox(this)), m_length(new QComboBox(this)),
      m_colours(new QComboBox(this)), m_form(new DetectorForm(this)), m_plot(new SegmentPlot(this)),
      m_debounce(new QTimer(this))
{
    const InspectorSettings settings;
    m_stats->addItem(tr("AudioSet statistics"), QStringLiteral("audioset"));
    m_stats->addItem(tr("ESC-50 statistics"), QStringLiteral("esc50"));
    m_stats->addItem(tr("Speech Commands statistics"), QStringLiteral("speechcommands"));
    m_stats->setCurrentIndex(std::max(0, m_stats->findData(settings.statsPreset())));
    m_length->addItem(tr("Clip length"), 0);
    m_length->addItem(tr("Preset length (padded / cut)"), -1);
    m_length->addItem(tr("1024 frames (10.24 s)"), 1024);
    m_length->addItem(tr("512 frames (5.12 s)"), 512);
    m_length->setCurrentIndex(std::max(0, m_length->findData(settings.targetFrames())));
    for (const ColourMapChoice &c : colourMapChoices())
        m_colours->addItem(c.name);
    m_colours->setCurrentIndex(std::clamp(settings.colourMap(), 0, int(m_colours->count()) - 1));
    auto *exportButton = new QPushButton(tr("&Export…"), this);
    exportButton->setToolTip(tr("Save the view as PNG or PDF"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Input:"), this));
    bar->addWidget(m_stats);
    bar->addWidget(m_length);
    bar->addWidget(new QLabel(tr("Colours:"), this));
    bar->addWidget(m_colours);
    bar->addStretch(1);
    bar->addWidget(exportButton);

    auto *formScroll = new QScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setMinimumWidth(m_form->sizeHint().width() + 24);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_plot);
    split->addWidget(formScroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_summary);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(30);
    connect(m_debounce, &QTimer::timeout, this, &SegmentInspector::computeOverlay);
    connect(m_form, &DetectorForm::changed, this, &SegmentInspector::scheduleOverlay);
    connect(m_colours, &QComboBox::currentIndexChanged, this, &SegmentInspector::setColourMap);
    const auto inputChanged = [this] {
        preview::ModelInputOptions o = m_inputOptions;
        o.statsPreset = m_stats->currentData().toString();
        o.targetFrames = m_length->currentData().toInt();
        InspectorSettings().setStatsPreset(o.statsPreset);
        InspectorSettings().setTargetFrames(o.targetFrames);
        setModelInputOptions(o);
    };
    connect(m_stats, &QComboBox::currentIndexChanged, this, inputChanged);
    connect(m_length, &QComboBox::currentIndexChanged, this, inputChanged);
    connect(exportButton, &QPushButton::clicked, this, &SegmentInspector::exportView);
    m_inputOptions.statsPreset = m_stats->currentData().toString();
    m_inputOptions.targetFrames = m_length->currentData().toInt();
    m_plot->setColourMap(m_colours->currentIndex());
    m_summary->setText(tr("Select a clip in the dataset browser, or drop a media file on the window."));
}

void SegmentInspector::setColourMap(int index)
{
    m_plot->setColourMap(index);
    if (m_colours->currentIndex() != index)
        m_colours->setCurrentIndex(index);
    InspectorSettings().setColourMap(index);
}

void SegmentInspector::setModelInputOptions(const preview::ModelInputOptions &options)
{
    m_inputOptions = options;
    loadInput();
}

void SegmentInspector::setClip(const ClipRef &clip)
{
    if (clip == m_clip && (m_input || m_inputPending))
        return;
    m_clip = clip;
    loadInput();
}

void SegmentInspector::loadInput()
{
    const quint64 generation = ++m_inputGeneration;
    ++m_overlayGeneration; // an overlay of the previous input is stale too
    m_input.reset();
    m_overlay.reset();
    m_plot->clearAll();
    if (!m_clip.isValid()) {
        m_inputPending = false;
        return;
    }
    m_inputPending = true;
    m_plot->setTitle(m_clip.title);
    m_summary->setText(tr("Loading %1…").arg(m_clip.title));
    whenFinished(this, runInBackground([clip = m_clip, options = m_inputOptions] {
                     return std::make_shared<Result<preview::ModelAudioInput>>(
                         preview::loadModelAudioInput(clip.path, clip.startS, clip.endS, options));
                 }),
                 [this, generation](const InputResult &result) {
                     if (generation != m_inputGeneration)
                         return; // another clip or preset since
                     m_inputPending = false;
                     if (!*result) {
                         m_summary->setText(tr("Cannot load the audio: %1").arg(result->error().message));
                         emit inputLoaded(false, result->error().message);
                         return;
                     }
                     m_input = std::make_shared<const preview::ModelAudioInput>(std::move(result->value()));
                     m_plot->setInput(*m_input);
                     emit inputLoaded(true, QString());
                     computeOverlay();
                 });
}

void SegmentInspector::scheduleOverlay() { m_debounce->start(); }

void SegmentInspector::computeOverlay()
{
    m_debounce->stop();
    if (!m_input)
        return;
    const quint64 generation = ++m_overlayGeneration;
    m_overlayPending = true;
    whenFinished(this, runInBackground([input = m_input, request = m_form->request()] {
                     return std::make_shared<Result<preview::SegmentOverlay>>(
                         preview::computeSegmentOverlay(input->input, request));
                 }),
                 [this, generation](const OverlayResult &result) {
                     if (generation != m_overlayGeneration)
                         return; // parameters changed meanwhile: a newer computation is on its way
                     m_overlayPending = false;
                     if (!*result) {
                         m_overlay.reset();
                         m_form->setMessage(result->error().message);
                         emit overlayUpdated(false);
                         return;
                     }
                     m_form->setMessage(QString());
                     m_overlay = std::move(result->value());
                     m_plot->setOverlay(*m_overlay);
                     updateSummary();
                     emit overlayUpdated(true);
                 });
}

void SegmentInspector::updateSummary()
{
    if (!m_overlay || !m_input)
        return;
    const preview::SegmentOverlay &o = *m_overlay;
    m_summary->setText(tr("%1 frames (%2 from the clip), %3 segments, %4 masked (%5 of %6 audio tokens).")
                           .arg(m_input->input.frames)
                           .arg(m_input->contentFrames)
                           .arg(o.spans.size())
                           .arg(o.maskedSegments.size())
                           .arg(o.maskedTokens)
                           .arg(o.totalTokens));
}

QString SegmentInspector::statusText() const { return m_summary->text(); }

void SegmentInspector::exportView()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export segment view"), m_clip.title + QStringLiteral(".png"),
                                     tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString message;
    if (!m_plot->exportTo(path, &message))
        QMessageBox::warning(this, tr("Export failed"), message);
}

} // namespace avt::widgets
