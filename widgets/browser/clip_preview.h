#pragma once
// Preview of one clip: the decoded frames with a scrubber and playback, and the clip's
// spectrogram under them on the same time axis with a cursor at the shown frame.
//
//   preview->setClip(ref);     // decodes in the background; stale results are dropped
//   preview->togglePlayback(); // plays at the sampled frame rate, looping
//
// All decoding runs on the global QThreadPool (core::preview::loadClipPreview); the result is
// continued on the GUI thread only while this widget exists. GUI thread only.
#include "core/preview/clip_preview.h"
#include "widgets/common/clip_ref.h"

#include <QImage>
#include <QWidget>

#include <memory>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;
class QCustomPlot;
class QCPColorMap;
class QCPItemStraightLine;

namespace avt::widgets {

class FrameView;

class ClipPreview : public QWidget {
    Q_OBJECT
public:
    explicit ClipPreview(QWidget *parent = nullptr);

    void setClip(const ClipRef &clip);
    const ClipRef &clip() const { return m_clip; }
    void togglePlayback();
    bool isPlaying() const;
    void setColourMap(int index);

    // State for tests: loaded frames, the shown frame, whether a decode is running.
    int frameCount() const { return m_frames.size(); }
    int currentFrame() const { return m_current; }
    bool isLoading() const { return m_loading; }
    QCustomPlot *spectrogramPlot() const { return m_plot; }

signals:
    // A clip's preview finished loading (ok false: message says why).
    void loaded(bool ok, const QString &message);

private:
    void showResult(quint64 generation, const Result<preview::ClipPreview> &result);
    void showFrame(int index);
    void stepPlayback();

    ClipRef m_clip;
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<QImage> m_frames;
    std::vector<double> m_frameTimes; // seconds from the window's start
    double m_length = 0;
    int m_current = -1;

    FrameView *m_view;
    QSlider *m_scrubber;
    QToolButton *m_play;
    QLabel *m_time;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    QCPItemStraightLine *m_cursor;
    QTimer *m_timer;
};

} // namespace avt::widgets
