#pragma once
// Dataset browser: the clips of one dataset of the workspace in a table (thumbnail, label,
// split, duration, audio rate, problems) with filters and live counts, a class histogram that
// follows the filters, and a preview of the current clip (frames + spectrogram).
//
//   browser->setWorkspace(folder);   // lists datasets and loads the first one, in the background
//   connect(browser, &DatasetBrowser::currentClipChanged, inspector, &SegmentInspector::setClip);
//
// Keyboard: arrows move through the clips (the table), Space plays / pauses the preview. A clip's
// context menu and the Grad-CAM button ask for the clip in the Grad-CAM viewer (explainRequested).
// "Prepare clip cache…" (prepareAction(), a button here and an entry of the main window's File
// menu) asks for a model preset and runs the `prepare` verb on the shown dataset in a child
// process (BatchJob; one at a time), with its progress, a Cancel button and then the result in a
// line under the clips; the browser stays usable meanwhile.
// Store reads run on worker threads with their own connections; thumbnails decode lazily on a
// thread pool for the visible rows only. GUI thread only.
#include "widgets/browser/clip_filter_model.h"
#include "widgets/common/clip_ref.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;

namespace avt::widgets {

class BatchJob;
class ClassHistogram;
class ClipPreview;
class ClipTableModel;
class FilterPanel;
class ThumbnailCache;

class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(QWidget *parent = nullptr);

    // Shows the workspace's datasets (empty folder: nothing). Reloads when called again.
    void setWorkspace(const QString &folder);
    // Re-reads the dataset list, then shows `dataset` (or keeps the current one when empty).
    void reload(const QString &dataset = QString());
    void showDataset(const QString &name);
    QString currentDataset() const;
    QStringList datasets() const;

    ClipTableModel *clipModel() const { return m_model; }
    ClipFilterModel *filterModel() const { return m_filter; }
    FilterPanel *filterPanel() const { return m_filters; }
    ClassHistogram *histogram() const { return m_histogram; }
    ClipPreview *preview() const { return m_preview; }
    QTableView *table() const { return m_table; }
    ThumbnailCache *thumbnails() const { return m_thumbnails; }
    bool isLoading() const { return m_loading; }

    // Prepare clip cache: the action (disabled without a dataset or while a job runs), the job
    // (tests point its program at a fake), and starting one without the dialog.
    QAction *prepareAction() const { return m_prepareAction; }
    BatchJob *prepareJob() const { return m_prepareJob; }
    bool isPreparing() const;
    // Opens the dialog (not blocking); its OK calls startPrepare().
    void openPrepareDialog();
    // Runs `--batch prepare --workspace WS --dataset DATASET --preset PRESET [--rebuild]
    // --progress json` for the shown dataset. False when a job runs or no dataset is shown.
    bool startPrepare(const QString &preset, bool rebuild);
    void cancelPrepare();

    void selectRow(int proxyRow);
    // Shows dataset (empty: the current one) with the clip of that id as the current clip (once
    // loaded; the first clip when that one is not there or is filtered out).
    void showClip(const QString &dataset, qint64 clipId);
    // Moves the current clip by delta rows in the table's filtered, sorted order (clamped).
    void stepClip(int delta);
    // The current clip (invalid when none).
    ClipRef currentClip() const;

signals:
    void currentClipChanged(const avt::widgets::ClipRef &clip);
    // The user asked to open a clip in the Grad-CAM viewer (context menu, tool button).
    void explainRequested(const avt::widgets::ClipRef &clip);
    // A dataset's clips are shown (ok false: message says why).
    void datasetLoaded(bool ok, const QString &message);
    // Background work started / finished, for the status bar (loading and a prepare job
    // together: busy until both are done; after a prepare job, what is its result).
    void busyChanged(bool busy, const QString &what);
    // A prepare job ended: its summary, or why it failed or that it was cancelled.
    void prepareFinished(bool ok, const QString &message);

private:
    void onCurrentChanged(const QModelIndex &current);
    void updateHistogram(const FacetCounts &counts);
    void setLoading(bool loading, const QString &what = QString());
    QWidget *createPrepareRow();
    void updatePrepareAction();
    void onPrepareProgress(qint64 done, qint64 total, const QString &message);
    void onPrepareFinished(bool ok, const QString &message);

    QString m_workspace;
    quint64 m_generation = 0;
    qint64 m_pendingClip = 0; // showClip(): the clip to select when its dataset has loaded
    bool m_loading = false;
    QString m_loadingWhat;
    ClipTableModel *m_model;
    ClipFilterModel *m_filter;
    ThumbnailCache *m_thumbnails;
    QComboBox *m_datasetBox;
    QLabel *m_countLabel;
    FilterPanel *m_filters;
    QTableView *m_table;
    ClipPreview *m_preview;
    ClassHistogram *m_histogram;
    // Prepare clip cache
    BatchJob *m_prepareJob;
    QAction *m_prepareAction;
    QString m_prepareDataset;        // of the running / last job
    bool m_prepareStopping = false;  // Cancel was pressed
    QWidget *m_prepareRow = nullptr; // status line under the clips: message, bar, Cancel / dismiss
    QLabel *m_prepareLabel = nullptr;
    QProgressBar *m_prepareBar = nullptr;
    QToolButton *m_prepareCancel = nullptr;
    QToolButton *m_prepareDismiss = nullptr;
};

} // namespace avt::widgets
