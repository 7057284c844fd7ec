#pragma once
// Grad-CAM viewer: what one to four trained runs look at and listen to on one clip, side by side.
//
//   viewer->setWorkspace(folder);           // lists the runs that have checkpoints
//   viewer->setRuns({"demo-table4-video", "demo-table4-avc-avm-masegmv"});
//   viewer->setClip(ref);                    // from the dataset browser
//
// Left: the runs (tick up to four, each with its checkpoint: best, or a step's), the layer
// picker (the model's tapped layers as a tree with output shapes; the default layers marked,
// with why), method, weighting, head and target (prediction, ground truth, k-th best, or any
// class from a list that shows each class's score), and the display (colour map, opacity, one
// colour scale for all runs or one per run, the difference of the first two runs as an extra
// row). Right: one CamRow per run, a scrubber shared by all rows (frames and the spectrogram
// playheads move together), play / step, and the status line.
//
// Every map comes from gradcam::ViewEngine (the `gradcam` verb's computation, cached in the
// workspace) on the background pool, one task per run; a change of any control starts a new
// generation and results of older generations are dropped; Cancel stops what is running at its
// next step. Display changes (colour map, opacity, scale, frame) only redraw.
// Keyboard: Left / Right frame, Up / Down clip (clipStepRequested, the browser's filtered
// order), Space plays. The controls' state is kept in QSettings (CamViewerSettings).
// GUI thread only.
#include "core/explain/cam_view.h"
#include "widgets/common/clip_ref.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QVBoxLayout;

namespace avt::widgets {

class CamLayerPicker;
class CamClassTable;
class CamRow;
class CamViewerSettings;
class CamRunList;

class CamViewer : public QWidget {
    Q_OBJECT
public:
    explicit CamViewer(QWidget *parent = nullptr);
    ~CamViewer() override;

    void setWorkspace(const QString &folder);
    QString workspace() const { return m_workspace; }
    void setClip(const ClipRef &clip);
    const ClipRef &clip() const { return m_clip; }

    // Ticks these runs (at most four; unknown names are ignored) and unticks the others.
    void setRuns(const QStringList &runs);
    QStringList selectedRuns() const;
    QStringList availableRuns() const;
    // A run's checkpoint: a file of its checkpoint list, or empty for the best one.
    void setCheckpoint(const QString &run, const QString &file);

    void setLayers(const QString &videoLayer, const QString &audioLayer); // empty: default
    void setMethod(const QString &method);                                // gradcam | gradcam++
    void setWeighting(const QString &weighting);                          // slice | clip
    void setHead(const QString &head);                                    // main | noun | audio | video
    void setTarget(gradcam::TargetKind kind, int k = 1, int classIndex = 0);
    void setColourMap(const QString &name); // jet, turbo, inferno, viridis, hot, magma, plasma, parula
    void setOpacity(double alpha);
    void setSharedScale(bool shared);
    void setShowDifference(bool show);
    void setFrame(int frame);
    int frame() const { return m_frame; }
    int frameCount() const;
    void setPlaying(bool playing);
    bool isPlaying() const;

    // Stops the running computations at their next step; their rows say "Cancelled".
    void cancel();
    // True from a change of the controls until every row has its result or error.
    bool isBusy() const;
    // The request the viewer makes for a run with the current controls.
    gradcam::ViewRequest requestFor(const QString &run) const;

    QList<CamRow *> rows() const { return m_rows; }
    CamRow *differenceRow() const { return m_diffRow; }
    // The results shown, in row order (null for a row without one).
    std::vector<std::shared_ptr<const gradcam::ViewResult>> results() const;
    QString statusText() const;
    QTreeWidget *layerTree() const;
    QTableWidget *classTable() const;
    QTreeWidget *runList() const;
    gradcam::ViewEngine *engine() const { return m_engine.get(); }

    // Writes what the rows show as PNG or PDF (by the file's suffix).
    Status exportView(const QString &file);
    // Writes the `gradcam` verb's files for the shown results into dir (in the background);
    // exportFinished reports it.
    void exportAll(const QString &dir);

signals:
    // A row got its result, or its error (after each one).
    void resultsUpdated();
    // Every row of the current generation has a result or an error.
    void computationFinished();
    void clipStepRequested(int delta);
    void runsListed();
    void exportFinished(bool ok, const QString &message);
    void busyChanged(bool busy, const QString &what);

private:
    struct Stage;
    void buildControls();
    QWidget *buildControlsPane(const CamViewerSettings &settings);
    QGroupBox *buildMapBox(const CamViewerSettings &settings);
    QGroupBox *buildDisplayBox(const CamViewerSettings &settings);
    QWidget *buildRowsPane();
    void listRuns();
    void scheduleRefresh();
    void refresh();
    void updateDisplay();
    void updateHeads(const gradcam::ViewResult &v);
    void updateStatus();
    void pollStages();
    void saveSettings() const;
    void exportViewDialog();
    void exportAllDialog();

    QString m_workspace;
    std::shared_ptr<gradcam::ViewEngine> m_engine;
    ClipRef m_clip;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_pending = 0;
    std::vector<std::shared_ptr<Stage>> m_stages;
    QString m_videoLayer, m_audioLayer;
    gradcam::TargetKind m_target = gradcam::TargetKind::Predicted;
    int m_classIndex = 0;
    int m_frame = 0;
    bool m_restoring = false;
    QString m_lastError;

    CamRunList *m_runList;
    CamLayerPicker *m_layers;
    QComboBox *m_method;
    QComboBox *m_weighting;
    QComboBox *m_head;
    QComboBox *m_targetBox;
    QSpinBox *m_topK;
    CamClassTable *m_classTable;
    QComboBox *m_colours;
    QSlider *m_opacity;
    QCheckBox *m_shared;
    QCheckBox *m_difference;
    QVBoxLayout *m_rowsLayout;
    QWidget *m_rowsWidget;
    QList<CamRow *> m_rows;
    CamRow *m_diffRow;
    QSlider *m_scrubber;
    QToolButton *m_play;
    QLabel *m_frameLabel;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QTimer *m_debounce;
    QTimer *m_playTimer;
    QTimer *m_stageTimer;
};

} // namespace avt::widgets
