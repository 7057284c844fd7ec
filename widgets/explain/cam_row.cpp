#include "widgets/explain/cam_row.h"

#include "widgets/common/frame_view.h"

#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace avt::widgets {

namespace {

QString classText(const gradcam::ViewResult &v, int64_t k)
{
    return k >= 0 && k < v.classNames.size() ? v.classNames[int(k)] : QString::number(k);
}

} // namespace

Filmstrip::Filmstrip(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
}

void Filmstrip::setImages(const QList<QImage> &images)
{
    m_images = images;
    update();
}

void Filmstrip::setCurrent(int frame)
{
    m_current = frame;
    update();
}

QRect Filmstrip::cell(int i) const
{
    const int n = std::max(1, int(m_images.size()));
    const int side = std::min(height() - 4, (width() - 2 * n) / n);
    return {2 + i * (side + 2), 2, side, side};
}

void Filmstrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    for (int i = 0; i < m_images.size(); ++i) {
        const QRect r = cell(i);
        p.drawImage(r, m_images[i]);
        if (i == m_current) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 2));
            p.drawRect(r.adjusted(-1, -1, 0, 0));
        }
    }
}

void Filmstrip::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < m_images.size(); ++i)
        if (cell(i).contains(event->position().toPoint()))
            emit frameClicked(i);
}

SpectrogramStrip::SpectrogramStrip(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::PointingHandCursor);
}

void SpectrogramStrip::setImage(const QImage &image, double start, double seconds)
{
    m_image = image;
    m_start = start;
    m_seconds = seconds;
    update();
}

void SpectrogramStrip::setPlayhead(double fraction)
{
    m_playhead = fraction;
    update();
}

void SpectrogramStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (m_image.isNull())
        return;
    const QRect r = rect().adjusted(0, 0, 0, -14);
    p.drawImage(r, m_image);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, r.bottom() + 1, width(), 13), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1 s").arg(m_start, 0, 'f', 2));
    p.drawText(QRect(0, r.bottom() + 1, width(), 13), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("%1 s").arg(m_start + m_seconds, 0, 'f', 2));
    if (m_playhead >= 0) {
        const int x = r.left() + int(m_playhead * r.width());
        p.setPen(QPen(Qt::white, 2));
        p.drawLine(x, r.top(), x, r.bottom());
        p.setPen(QPen(Qt::black, 1));
        p.drawLine(x + 2, r.top(), x + 2, r.bottom());
    }
}

void SpectrogramStrip::mousePressEvent(QMouseEvent *event)
{
    if (width() > 0)
        emit clicked(std::clamp(event->position().x() / width(), 0.0, 1.0));
}

CamRow::CamRow(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_top(new QLabel(this)), m_message(new QLabel(this)),
      m_frameView(new FrameView(this)), m_strip(new Filmstrip(this)), m_spectrogram(new SpectrogramStrip(this))
{
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_top->setTextFormat(Qt::RichText);
    m_top->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_top->setMinimumWidth(170);
    m_message->setWordWrap(true);
    m_message->hide();
    m_frameView->setMinimumSize(200, 200);
    m_frameView->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_frameView->setFixedWidth(220);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->addWidget(m_title, 0, 0, 1, 3);
    grid->addWidget(m_message, 1, 0, 1, 3);
    grid->addWidget(m_frameView, 2, 0, 2, 1);
    grid->addWidget(m_strip, 2, 1);
    grid->addWidget(m_spectrogram, 3, 1);
    grid->addWidget(m_top, 2, 2, 2, 1);
    grid->setColumnStretch(1, 1);
    connect(m_strip, &Filmstrip::frameClicked, this, &CamRow::frameClicked);
    connect(m_spectrogram, &SpectrogramStrip::clicked, this, [this](double fraction) {
        if (!m_result || m_result->frameTimes.empty() || m_result->windowSeconds <= 0)
            return;
        // The input frame whose time is nearest the clicked time.
        const double t = m_result->windowStart + fraction * m_result->windowSeconds;
        int best = 0;
        for (int i = 0; i < int(m_result->frameTimes.size()); ++i)
            if (std::abs(m_result->frameTimes[size_t(i)] - t) < std::abs(m_result->frameTimes[size_t(best)] - t))
                best = i;
        emit frameClicked(best);
    });
}

void CamRow::setTitle(const QString &title) { m_title->setText(title.toHtmlEscaped()); }

QString CamRow::titleText() const { return m_title->text(); }
QString CamRow::topText() const { return m_top->text(); }

void CamRow::setMessage(const QString &message, bool error)
{
    m_error = error;
    m_message->setText(message);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
    m_message->setVisible(!message.isEmpty());
    if (error) {
        m_rendered = false;
        m_result.reset();
        m_other.reset();
        m_frameView->setMessage(tr("No map"));
        m_strip->setImages({});
        m_spectrogram->setImage({}, 0, 0);
        m_top->clear();
    }
}

QString CamRow::message() const { return m_message->isVisible() ? m_message->text() : QString(); }

void CamRow::setResult(ViewResultPtr result)
{
    m_result = std::move(result);
    m_other.reset();
    m_difference = false;
    setMessage(QString());
    const gradcam::ViewResult &v = *m_result;
    const auto top1 = v.topK(1);
    QString title = QStringLiteral("<b>%1</b> · %2").arg(v.run.toHtmlEscaped(), v.checkpointLabel.toHtmlEscaped());
    if (!top1.empty())
        title += tr(" · predicted <b>%1</b> (%2%)")
                     .arg(classText(v, top1[0].first).toHtmlEscaped())
                     .arg(top1[0].second * 100.0, 0, 'f', 1);
    title += tr(" · map of %1 (%2 head, logit %3)")
                 .arg(classText(v, v.targetClass).toHtmlEscaped(), v.head)
                 .arg(v.score, 0, 'f', 3);
    if (v.pointing >= 0)
        title += tr(" · pointing %1 (map in box %2%, box %3% of frame)")
                     .arg(v.pointing, 0, 'f', 2)
                     .arg(v.massInBox * 100.0, 0, 'f', 0)
                     .arg(v.boxShare * 100.0, 0, 'f', 0);
    m_title->setText(title);
    QString top = tr("<b>Top 5</b>");
    for (const auto &[k, p] : v.topK(5)) {
        const bool truth = k == v.label;
        top += QStringLiteral("<br>%1%2 %3%")
                   .arg(truth ? QStringLiteral("✓ <b>") : QString(),
                        classText(v, k).toHtmlEscaped() + (truth ? QStringLiteral("</b>") : QString()))
                   .arg(p * 100.0, 0, 'f', 1);
    }
    if (v.label >= 0)
        top += tr("<br><i>truth: %1</i>").arg(classText(v, v.label).toHtmlEscaped());
    QStringList notes;
    if (!v.videoReached)
        notes << tr("layer %1 gets no gradient from this score: the video map is empty").arg(v.videoLayer);
    if (!v.audioReached)
        notes << tr("layer %1 gets no gradient from this score: the audio map is empty").arg(v.audioLayer);
    if (!notes.isEmpty()) { // shown above the (empty) maps, which stay for the other modality
        m_message->setText(notes.join(QLatin1Char('\n')));
        m_message->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        m_message->show();
    }
    m_top->setText(top);
    render();
}

void CamRow::setDifference(ViewResultPtr a, double scaleA, ViewResultPtr b, double scaleB)
{
    m_result = std::move(a);
    m_other = std::move(b);
    m_scaleA = scaleA;
    m_scaleB = scaleB;
    m_difference = true;
    setMessage(QString());
    m_title->setText(tr("<b>Difference</b> %1 − %2 · red: %1 looks more, blue: %2 looks more")
                         .arg(m_result->run.toHtmlEscaped(), m_other->run.toHtmlEscaped()));
    m_top->clear();
    render();
}

void CamRow::setDisplay(const ColourTable &colours, double alpha, double videoScale, double audioScale)
{
    if (m_rendered && colours == m_colours && alpha == m_alpha && videoScale == m_videoScale
        && audioScale == m_audioScale)
        return; // drawn with these already (the viewer sets the display of every row after each result)
    m_colours = colours;
    m_alpha = alpha;
    m_videoScale = videoScale;
    m_audioScale = audioScale;
    render();
}

void CamRow::setFrame(int frame)
{
    m_frame = frame;
    m_strip->setCurrent(frame);
    m_spectrogram->setPlayhead(playheadFraction());
    renderFrame();
}

double CamRow::playheadFraction() const
{
    if (!m_result || m_frame < 0 || m_frame >= int(m_result->frameTimes.size()) || m_result->windowSeconds <= 0)
        return -1;
    return std::clamp((m_result->frameTimes[size_t(m_frame)] - m_result->windowStart) / m_result->windowSeconds, 0.0,
                      1.0);
}

void CamRow::render()
{
    m_rendered = m_result != nullptr;
    if (!m_result)
        return;
    const gradcam::ViewResult &v = *m_result;
    QList<QImage> strip;
    for (int t = 0; t < v.frameCount; ++t) {
        QImage img = m_difference ? camDifference(v, m_scaleA, *m_other, m_scaleB, t, m_alpha)
                                  : camFrame(v, t, m_colours, m_alpha, m_videoScale, false);
        strip << img.scaled(64, 64, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    m_strip->setImages(strip);
    m_strip->setVisible(v.frameCount > 0);
    const QImage spec = m_difference ? camSpectrogramDifference(v, m_scaleA, *m_other, m_scaleB, m_alpha)
                                     : camSpectrogram(v, m_colours, m_alpha, m_audioScale);
    m_spectrogram->setImage(spec, v.windowStart, v.windowSeconds);
    m_spectrogram->setVisible(!spec.isNull());
    m_frame = std::clamp(m_frame, 0, std::max(0, v.frameCount - 1));
    setFrame(m_frame);
}

void CamRow::renderFrame()
{
    if (!m_result)
        return;
    const gradcam::ViewResult &v = *m_result;
    if (v.frameCount == 0) {
        m_frameView->setMessage(tr("No video in this model"));
        return;
    }
    const QImage img = m_difference ? camDifference(v, m_scaleA, *m_other, m_scaleB, m_frame, m_alpha)
                                    : camFrame(v, m_frame, m_colours, m_alpha, m_videoScale);
    if (img.isNull())
        m_frameView->setMessage(tr("The maps differ in size"));
    else
        m_frameView->setImage(img);
}

} // namespace avt::widgets
