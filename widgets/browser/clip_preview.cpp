#include "widgets/browser/clip_preview.h"

#include "widgets/common/background.h"
#include "widgets/common/colour_maps.h"
#include "widgets/common/frame_view.h"
#include "widgets/common/image_convert.h"
#include "widgets/common/spectrogram_data.h"

#include <QFuture>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <qcustomplot.h>

namespace avt::widgets {

namespace {
using PreviewResult = std::shared_ptr<const Result<preview::ClipPreview>>;
}

ClipPreview::ClipPreview(QWidget *parent)
    : QWidget(parent), m_view(new FrameView(this)), m_scrubber(new QSlider(Qt::Horizontal, this)),
      m_play(new QToolButton(this)), m_time(new QLabel(this)), m_plot(new QCustomPlot(this)), m_timer(new QTimer(this))
{
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_scrubber->setEnabled(false);
    m_time->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00.00 / 00.00 s")));

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setPen(QPen(Qt::white, 1.5));
    m_plot->xAxis->setLabel(tr("Time (s)"));
    m_plot->yAxis->setLabel(tr("Mel bin"));
    m_plot->setMinimumHeight(110);
    setColourMap(0);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_play);
    controls->addWidget(m_scrubber, 1);
    controls->addWidget(m_time);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    connect(m_scrubber, &QSlider::valueChanged, this, &ClipPreview::showFrame);
    connect(m_play, &QToolButton::clicked, this, &ClipPreview::togglePlayback);
    connect(m_timer, &QTimer::timeout, this, &ClipPreview::stepPlayback);
    m_view->setMessage(tr("Select a clip"));
}

void ClipPreview::setColourMap(int index)
{
    const auto choices = colourMapChoices();
    m_map->setGradient(QCPColorGradient(choices.value(index, choices.front()).preset));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ClipPreview::setClip(const ClipRef &clip)
{
    if (clip == m_clip && (m_loading || !m_frames.isEmpty()))
        return;
    m_clip = clip;
    m_timer->stop();
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    const quint64 generation = ++m_generation; // results for earlier clips are dropped
    if (!clip.isValid()) {
        m_loading = false;
        m_view->setMessage(tr("Select a clip"));
        return;
    }
    m_loading = true;
    m_view->setMessage(tr("Loading %1…").arg(clip.title));
    whenFinished(this, runInBackground([clip] {
                     return PreviewResult(std::make_shared<const Result<preview::ClipPreview>>(
                         preview::loadClipPreview(clip.path, clip.startS, clip.endS)));
                 }),
                 [this, generation](const PreviewResult &result) { showResult(generation, *result); });
}

void ClipPreview::showResult(quint64 generation, const Result<preview::ClipPreview> &result)
{
    if (generation != m_generation)
        return; // another clip was chosen meanwhile
    m_loading = false;
    m_frames.clear();
    m_frameTimes.clear();
    m_current = -1;
    if (!result) {
        m_view->setMessage(tr("Cannot preview this clip:\n%1").arg(result.error().message));
        m_map->data()->clear();
        m_scrubber->setEnabled(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        emit loaded(false, result.error().message);
        return;
    }
    const preview::ClipPreview &p = *result;
    for (const preview::RgbImage &f : p.frames)
        m_frames << toQImage(f);
    for (double t : p.frameTimes)
        m_frameTimes.push_back(t - p.start);
    m_length = p.length;
    setSpectrogramData(m_map, p.fbank);
    m_plot->xAxis->setRange(0, std::max(m_length, 0.05));
    m_plot->yAxis->setRange(-0.5, std::max(1, p.fbank.bins) - 0.5);
    m_scrubber->setRange(0, std::max(0, int(m_frames.size()) - 1));
    m_scrubber->setEnabled(m_frames.size() > 1);
    if (m_frames.isEmpty())
        m_view->setMessage(tr("No video in this clip"));
    m_scrubber->setValue(0);
    showFrame(0);
    emit loaded(true, QString());
}

void ClipPreview::showFrame(int index)
{
    if (index < 0 || index >= m_frames.size()) {
        m_cursor->point1->setCoords(0, 0);
        m_cursor->point2->setCoords(0, 1);
        m_time->setText(tr("%1 / %2 s").arg(0.0, 0, 'f', 2).arg(m_length, 0, 'f', 2));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    m_current = index;
    m_view->setImage(m_frames[index]);
    const double t = m_frameTimes[size_t(index)];
    m_cursor->point1->setCoords(t, 0);
    m_cursor->point2->setCoords(t, 1);
    m_time->setText(tr("%1 / %2 s").arg(t, 0, 'f', 2).arg(m_length, 0, 'f', 2));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool ClipPreview::isPlaying() const { return m_timer->isActive(); }

void ClipPreview::togglePlayback()
{
    if (m_timer->isActive()) {
        m_timer->stop();
        m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
        return;
    }
    if (m_frames.size() < 2)
        return;
    // The frames were sampled uniformly over the window: play them at that rate.
    const double interval = 1000.0 * m_length / m_frames.size();
    m_timer->start(std::clamp(int(interval), 15, 1000));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
}

void ClipPreview::stepPlayback()
{
    const int next = (m_current + 1) % std::max<qsizetype>(1, m_frames.size());
    m_scrubber->setValue(next); // valueChanged shows the frame
}

} // namespace avt::widgets
