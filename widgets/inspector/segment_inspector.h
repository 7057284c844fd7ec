#pragma once
// Segment inspector: a clip's audio exactly as the model sees it, with the activity segments the
// detector finds and the segments masking would hide for a seed and probability (paper 3.2.1).
//
//   inspector->setClip(ref);                 // decodes + fbank in the background
//   form edits / setColourMap / ...          // recompute the overlay in the background
//
// Two background steps, each with its own generation counter so that a result for an older
// clip or older parameters is dropped: (1) the model input (decode, fbank, pad/cut, normalise)
// when the clip or the normalisation changes, (2) the overlay (detector + masks, under a
// millisecond) when any parameter changes. Parameter edits are coalesced over 30 ms. The window
// never waits on either. GUI thread only.
#include "core/preview/model_input.h"
#include "core/preview/segment_overlay.h"
#include "widgets/common/clip_ref.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QTimer;

namespace avt::widgets {

class DetectorForm;
class SegmentPlot;

class SegmentInspector : public QWidget {
    Q_OBJECT
public:
    explicit SegmentInspector(QWidget *parent = nullptr);

    void setClip(const ClipRef &clip);
    const ClipRef &clip() const { return m_clip; }

    DetectorForm *form() const { return m_form; }
    SegmentPlot *plot() const { return m_plot; }
    // Normalisation preset ("audioset", ...) and target length (-1 preset, 0 clip, > 0 frames).
    void setModelInputOptions(const preview::ModelInputOptions &options);
    void setColourMap(int index);

    // The last overlay drawn (nothing before the first one or after an error).
    const std::optional<preview::SegmentOverlay> &overlay() const { return m_overlay; }
    const std::shared_ptr<const preview::ModelAudioInput> &input() const { return m_input; }
    // True while a background step runs.
    bool isBusy() const { return m_inputPending || m_overlayPending; }
    // The line under the view: counts of the overlay, or what went wrong.
    QString statusText() const;

    // Asks for a file name and exports the view (PNG or PDF).
    void exportView();

signals:
    // A new overlay is drawn (after any change), or computing it failed (ok false).
    void overlayUpdated(bool ok);
    void inputLoaded(bool ok, const QString &message);

private:
    void loadInput();
    void scheduleOverlay();
    void computeOverlay();
    void updateSummary();

    ClipRef m_clip;
    preview::ModelInputOptions m_inputOptions;
    std::shared_ptr<const preview::ModelAudioInput> m_input;
    std::optional<preview::SegmentOverlay> m_overlay;
    quint64 m_inputGeneration = 0;
    quint64 m_overlayGeneration = 0;
    bool m_inputPending = false;
    bool m_overlayPending = false;

    QLabel *m_summary;
    QComboBox *m_stats;
    QComboBox *m_length;
    QComboBox *m_colours;
    DetectorForm *m_form;
    SegmentPlot *m_plot;
    QTimer *m_debounce;
};

} // namespace avt::widgets
