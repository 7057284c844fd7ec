#pragma once
// One row of the Grad-CAM viewer: a run's result on the clip. A title (run, checkpoint,
// prediction and score, the target), the input frame shown with the video map over it (and the
// picture's box), a filmstrip of every input frame with its map, the fbank with the audio map
// and a playhead at the shown frame's time, and the top-5 with the ground truth marked. A row
// can also show the difference of two results (setDifference). GUI thread only.
#include "core/explain/cam_view.h"
#include "widgets/explain/cam_images.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace avt::widgets {

class FrameView;

using ViewResultPtr = std::shared_ptr<const gradcam::ViewResult>;

// Thumbnails of every input frame in one row; the shown frame framed in the highlight colour.
class Filmstrip : public QWidget {
    Q_OBJECT
public:
    explicit Filmstrip(QWidget *parent = nullptr);
    void setImages(const QList<QImage> &images);
    void setCurrent(int frame);
    int count() const { return int(m_images.size()); }
    QSize sizeHint() const override { return {480, 64}; }
    QSize minimumSizeHint() const override { return {120, 40}; }

signals:
    void frameClicked(int frame);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRect cell(int i) const;
    QList<QImage> m_images;
    int m_current = 0;
};

// The spectrogram picture (time left to right) stretched to the widget, with a playhead.
class SpectrogramStrip : public QWidget {
    Q_OBJECT
public:
    explicit SpectrogramStrip(QWidget *parent = nullptr);
    // The picture covers media time [start, start + seconds).
    void setImage(const QImage &image, double start, double seconds);
    // Playhead at this share of the width (-1: none).
    void setPlayhead(double fraction);
    double playhead() const { return m_playhead; }
    const QImage &image() const { return m_image; }
    QSize sizeHint() const override { return {480, 110}; }
    QSize minimumSizeHint() const override { return {120, 60}; }

signals:
    void clicked(double fraction);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QImage m_image;
    double m_start = 0, m_seconds = 0;
    double m_playhead = -1;
};

class CamRow : public QWidget {
    Q_OBJECT
public:
    explicit CamRow(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Text instead of pictures (progress, or what went wrong).
    void setMessage(const QString &message, bool error = false);
    QString message() const;
    bool isError() const { return m_error; }
    void setResult(ViewResultPtr result);
    const ViewResultPtr &result() const { return m_result; }
    // Shows a minus b instead of one result.
    void setDifference(ViewResultPtr a, double scaleA, ViewResultPtr b, double scaleB);
    // Colours, opacity and the factors the maps are multiplied by (per run or shared scale).
    void setDisplay(const ColourTable &colours, double alpha, double videoScale, double audioScale);
    void setFrame(int frame);
    int frame() const { return m_frame; }

    FrameView *frameView() const { return m_frameView; }
    Filmstrip *filmstrip() const { return m_strip; }
    SpectrogramStrip *spectrogram() const { return m_spectrogram; }
    QString titleText() const;
    QString topText() const;

signals:
    void frameClicked(int frame);

private:
    void render();
    void renderFrame();
    double playheadFraction() const;

    ViewResultPtr m_result, m_other;
    double m_scaleA = 1, m_scaleB = 1;
    bool m_difference = false;
    bool m_error = false;
    bool m_rendered = false; // the pictures show m_result with the display below
    ColourTable m_colours{};
    double m_alpha = 0.5, m_videoScale = 1, m_audioScale = 1;
    int m_frame = 0;
    QLabel *m_title;
    QLabel *m_top;
    QLabel *m_message;
    FrameView *m_frameView;
    Filmstrip *m_strip;
    SpectrogramStrip *m_spectrogram;
};

} // namespace avt::widgets
