#include "widgets/browser/dataset_browser.h"

#include "widgets/browser/class_histogram.h"
#include "widgets/browser/clip_preview.h"
#include "widgets/browser/clip_table_model.h"
#include "widgets/browser/dataset_loader.h"
#include "widgets/browser/filter_panel.h"
#include "widgets/browser/prepare_dialog.h"
#include "widgets/browser/thumbnail_cache.h"
#include "widgets/common/background.h"
#include "widgets/common/batch_job.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace avt::widgets {

namespace {
constexpr int kThumbHeight = 40; // device-independent pixels
}

DatasetBrowser::DatasetBrowser(QWidget *parent)
    : QWidget(parent), m_model(new ClipTableModel(this)), m_filter(new ClipFilterModel(this)),
      m_thumbnails(new ThumbnailCache(this)), m_datasetBox(new QComboBox(this)), m_countLabel(new QLabel(this)),
      m_filters(nullptr), m_table(new QTableView(this)), m_preview(new ClipPreview(this)),
      m_histogram(new ClassHistogram(this)), m_prepareJob(new BatchJob(this)), m_prepareAction(new QAction(this))
{
    m_thumbnails->setThumbnailHeight(kThumbHeight, devicePixelRatioF());
    m_model->setThumbnailCache(m_thumbnails);
    m_filter->setSourceModel(m_model);
    m_filters = new FilterPanel(m_filter, this);

    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ClipTableModel::Name, Qt::AscendingOrder);
    m_table->setIconSize(QSize(kThumbHeight * 4 / 3, kThumbHeight));
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Fixed row heights: the view never measures 10,000 rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(kThumbHeight + 6);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(ClipTableModel::Thumbnail,
                          std::max(kThumbHeight * 4 / 3 + 12,
                                   fontMetrics().horizontalAdvance(
                                       m_model->headerData(ClipTableModel::Thumbnail, Qt::Horizontal).toString())
                                       + 24));
    header->resizeSection(ClipTableModel::Name, 220);
    header->resizeSection(ClipTableModel::Labels, 150);
    header->resizeSection(ClipTableModel::Split, 70);
    header->resizeSection(ClipTableModel::Duration, 70);
    header->resizeSection(ClipTableModel::AudioRate, 80);

    auto *top = new QHBoxLayout;
    auto *datasetLabel = new QLabel(tr("&Dataset:"), this);
    datasetLabel->setBuddy(m_datasetBox);
    top->addWidget(datasetLabel);
    top->addWidget(m_datasetBox, 1);
    top->addWidget(m_countLabel);
    auto *explain = new QToolButton(this);
    explain->setObjectName(QStringLiteral("explainButton"));
    explain->setText(tr("Grad-CAM…"));
    explain->setToolTip(tr("Open the current clip in the Grad-CAM viewer"));
    top->addWidget(explain);
    connect(explain, &QToolButton::clicked, this, [this] {
        if (const ClipRef c = currentClip(); c.isValid())
            emit explainRequested(c);
    });
    m_prepareAction->setText(tr("Prepare Clip &Cache…"));
    m_prepareAction->setIconText(tr("Prepare clip cache…"));
    m_prepareAction->setToolTip(tr("Decode the shown dataset's clips once into a cache that training reads"));
    m_prepareAction->setEnabled(false);
    connect(m_prepareAction, &QAction::triggered, this, &DatasetBrowser::openPrepareDialog);
    auto *prepare = new QToolButton(this);
    prepare->setObjectName(QStringLiteral("prepareButton"));
    prepare->setDefaultAction(m_prepareAction);
    prepare->setToolButtonStyle(Qt::ToolButtonTextOnly); // like Grad-CAM…, also when a menu gives the action an icon
    top->addWidget(prepare);
    connect(m_prepareJob, &BatchJob::progress, this, &DatasetBrowser::onPrepareProgress);
    connect(m_prepareJob, &BatchJob::eventReceived, this, [this](const QString &name, const QString &message) {
        if (name == QLatin1String("plan") && !message.isEmpty())
            m_prepareLabel->setText(tr("Preparing the clip cache of %1: %2").arg(m_prepareDataset, message));
    });
    connect(m_prepareJob, &BatchJob::finished, this, &DatasetBrowser::onPrepareFinished);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        const ClipRef c = m_model->clipRef(m_filter->mapToSource(index).row());
        QMenu menu(this);
        menu.addAction(tr("Open in &Grad-CAM Viewer"), this, [this, c] { emit explainRequested(c); });
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });

    // Left: the clips over the class histogram; right: the preview at full height.
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_table);
    left->addWidget(m_histogram);
    left->setStretchFactor(0, 5);
    left->setStretchFactor(1, 3);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_filters);
    layout->addWidget(split, 1);
    layout->addWidget(createPrepareRow());

    connect(m_datasetBox, &QComboBox::activated, this, [this](int) { showDataset(m_datasetBox->currentText()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_filters, &FilterPanel::countsChanged, this, &DatasetBrowser::updateHistogram);
    auto *play = new QShortcut(QKeySequence(Qt::Key_Space), this);
    play->setContext(Qt::WidgetWithChildrenShortcut);
    connect(play, &QShortcut::activated, m_preview, &ClipPreview::togglePlayback);
}

QWidget *DatasetBrowser::createPrepareRow()
{
    m_prepareRow = new QWidget(this);
    m_prepareRow->setObjectName(QStringLiteral("prepareRow"));
    m_prepareLabel = new QLabel(m_prepareRow);
    m_prepareLabel->setObjectName(QStringLiteral("prepareStatus"));
    // Long plan / error lines are cut, not allowed to widen the dock; the tooltip has them whole.
    m_prepareLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_prepareLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_prepareBar = new QProgressBar(m_prepareRow);
    m_prepareBar->setObjectName(QStringLiteral("prepareProgress"));
    m_prepareBar->setMaximumWidth(240);
    m_prepareCancel = new QToolButton(m_prepareRow);
    m_prepareCancel->setObjectName(QStringLiteral("prepareCancel"));
    m_prepareCancel->setText(tr("Cancel"));
    m_prepareCancel->setToolTip(tr("Stop after the current clip; a later run continues where this one stopped"));
    connect(m_prepareCancel, &QToolButton::clicked, this, &DatasetBrowser::cancelPrepare);
    m_prepareDismiss = new QToolButton(m_prepareRow);
    m_prepareDismiss->setObjectName(QStringLiteral("prepareDismiss"));
    m_prepareDismiss->setText(tr("Dismiss"));
    connect(m_prepareDismiss, &QToolButton::clicked, m_prepareRow, &QWidget::hide);
    auto *row = new QHBoxLayout(m_prepareRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_prepareLabel, 1);
    row->addWidget(m_prepareBar);
    row->addWidget(m_prepareCancel);
    row->addWidget(m_prepareDismiss);
    m_prepareRow->hide();
    return m_prepareRow;
}

void DatasetBrowser::setLoading(bool loading, const QString &what)
{
    m_loading = loading;
    m_loadingWhat = loading ? what : QString();
    // One busy state for the status bar: a prepare job running keeps it busy after a load.
    if (loading)
        emit busyChanged(true, what);
    else if (isPreparing())
        emit busyChanged(true, tr("Preparing the clip cache of %1").arg(m_prepareDataset));
    else
        emit busyChanged(false, QString());
}

void DatasetBrowser::setWorkspace(const QString &folder)
{
    m_workspace = folder;
    m_datasetBox->clear();
    m_model->clear();
    m_thumbnails->clear();
    m_preview->setClip({});
    updatePrepareAction();
    reload();
}

QString DatasetBrowser::currentDataset() const { return m_datasetBox->currentText(); }

QStringList DatasetBrowser::datasets() const
{
    QStringList out;
    for (int i = 0; i < m_datasetBox->count(); ++i)
        out << m_datasetBox->itemText(i);
    return out;
}

void DatasetBrowser::reload(const QString &dataset)
{
    if (m_workspace.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    const QString wanted = dataset.isEmpty() ? currentDataset() : dataset;
    setLoading(true, tr("Reading datasets"));
    whenFinished(this, loadDatasetList(m_workspace), [this, generation, wanted](const DatasetListResult &result) {
        if (generation != m_generation)
            return;
        setLoading(false);
        if (!*result) {
            emit datasetLoaded(false, result->error().message);
            return;
        }
        m_datasetBox->clear();
        for (const store::DatasetInfo &d : result->value())
            m_datasetBox->addItem(d.name);
        updatePrepareAction();
        if (m_datasetBox->count() == 0) {
            m_model->clear();
            m_countLabel->setText(tr("No datasets yet: File > Import Dataset…"));
            emit datasetLoaded(true, QString());
            return;
        }
        const int index = std::max(0, m_datasetBox->findText(wanted));
        m_datasetBox->setCurrentIndex(index);
        showDataset(m_datasetBox->itemText(index));
    });
}

void DatasetBrowser::showDataset(const QString &name)
{
    const quint64 generation = ++m_generation;
    setLoading(true, tr("Loading clips of %1").arg(name));
    whenFinished(this, loadDatasetClips(m_workspace, name), [this, generation](const DatasetClipsResult &result) {
        if (generation != m_generation)
            return; // another dataset or workspace was chosen meanwhile
        setLoading(false);
        if (!*result) {
            m_countLabel->setText(result->error().message);
            emit datasetLoaded(false, result->error().message);
            return;
        }
        DatasetClips &loaded = result->value();
        m_thumbnails->clear();
        m_model->setClips(std::move(loaded.clips), loaded.dataset.mediaRoot);
        m_countLabel->setText(tr("%n clip(s)", nullptr, m_model->rowCount()));
        const int pending = m_pendingClip ? m_model->rowOfClip(m_pendingClip) : -1;
        m_pendingClip = 0;
        const QModelIndex wanted =
            pending >= 0 ? m_filter->mapFromSource(m_model->index(pending, ClipTableModel::Name)) : QModelIndex();
        if (wanted.isValid())
            selectRow(wanted.row());
        else if (m_filter->rowCount() > 0)
            selectRow(0);
        emit datasetLoaded(true, QString());
    });
}

void DatasetBrowser::selectRow(int proxyRow)
{
    const QModelIndex index = m_filter->index(proxyRow, ClipTableModel::Name);
    if (index.isValid())
        m_table->setCurrentIndex(index);
}

void DatasetBrowser::showClip(const QString &dataset, qint64 clipId)
{
    m_pendingClip = clipId;
    reload(dataset);
}

void DatasetBrowser::stepClip(int delta)
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    selectRow(row);
}

ClipRef DatasetBrowser::currentClip() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return {};
    return m_model->clipRef(m_filter->mapToSource(current).row());
}

void DatasetBrowser::onCurrentChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const int row = m_filter->mapToSource(current).row();
    const ClipRef ref = m_model->clipRef(row);
    m_preview->setClip(ref);
    emit currentClipChanged(ref);
}

void DatasetBrowser::updateHistogram(const FacetCounts &counts)
{
    m_histogram->setCounts(counts.labels, m_filter->labelFilter());
}

bool DatasetBrowser::isPreparing() const { return m_prepareJob->isRunning(); }

void DatasetBrowser::updatePrepareAction()
{
    m_prepareAction->setEnabled(!m_workspace.isEmpty() && !currentDataset().isEmpty() && !isPreparing());
}

void DatasetBrowser::openPrepareDialog()
{
    if (!m_prepareAction->isEnabled())
        return;
    auto *dialog = new PrepareDialog(currentDataset(), this);
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startPrepare(dialog->preset(), dialog->rebuild()); });
    dialog->open(); // window-modal, no nested event loop
}

bool DatasetBrowser::startPrepare(const QString &preset, bool rebuild)
{
    const QString dataset = currentDataset();
    if (isPreparing() || m_workspace.isEmpty() || dataset.isEmpty())
        return false;
    QStringList args{QStringLiteral("prepare"),
                     QStringLiteral("--workspace"),
                     m_workspace,
                     QStringLiteral("--dataset"),
                     dataset,
                     QStringLiteral("--preset"),
                     preset};
    if (rebuild)
        args << QStringLiteral("--rebuild");
    args << QStringLiteral("--progress") << QStringLiteral("json");
    if (!m_prepareJob->start(args))
        return false;
    m_prepareDataset = dataset;
    m_prepareStopping = false;
    const QString what = tr("Preparing the clip cache of %1").arg(dataset);
    m_prepareLabel->setText(what);
    m_prepareLabel->setToolTip(QString());
    m_prepareBar->setRange(0, 0); // busy until the first progress event
    m_prepareBar->show();
    m_prepareCancel->setEnabled(true);
    m_prepareCancel->show();
    m_prepareDismiss->hide();
    m_prepareRow->show();
    updatePrepareAction();
    emit busyChanged(true, what);
    return true;
}

void DatasetBrowser::cancelPrepare()
{
    if (!isPreparing())
        return;
    m_prepareJob->cancel();
    m_prepareStopping = true;
    m_prepareCancel->setEnabled(false);
    m_prepareLabel->setText(tr("Stopping after the current clip…"));
}

void DatasetBrowser::onPrepareProgress(qint64 done, qint64 total, const QString &message)
{
    showJobProgress(m_prepareBar, done, total);
    if (!m_prepareStopping) // else the label says that it is stopping
        m_prepareLabel->setText(tr("Preparing the clip cache of %1: %2").arg(m_prepareDataset, message));
}

void DatasetBrowser::onPrepareFinished(bool ok, const QString &message)
{
    QString text;
    if (ok)
        text = tr("Clip cache of %1 ready: %2").arg(m_prepareDataset, message);
    else if (m_prepareStopping)
        text = tr("Clip cache of %1 stopped; Prepare again to continue where it stopped").arg(m_prepareDataset);
    else
        text = tr("Preparing the clip cache of %1 failed: %2").arg(m_prepareDataset, message);
    m_prepareBar->hide();
    m_prepareCancel->hide();
    m_prepareDismiss->show();
    m_prepareLabel->setText(text);
    m_prepareLabel->setToolTip(text);
    updatePrepareAction();
    if (m_loading)
        emit busyChanged(true, m_loadingWhat);
    else
        emit busyChanged(false, text);
    emit prepareFinished(ok, text);
}

} // namespace avt::widgets
