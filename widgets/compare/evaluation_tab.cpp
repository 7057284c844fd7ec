#include "widgets/compare/evaluation_tab.h"

#include "widgets/compare/plot_export.h"

#include "core/store/workspace.h"
#include "widgets/common/background.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace avt::widgets {

namespace {

constexpr int kNone = -1;
constexpr int kMaxCellLabels = 24; // classes up to which matrix cells carry their numbers

struct Outcome {
    std::optional<Result<compare::EvaluationBreakdown>> a, b;
    // Two-head runs: verb / noun / action top-1 of the main head's breakdown (shown whichever
    // head the plots show).
    std::optional<compare::EvaluationBreakdown> epicA, epicB;
};

// The breakdown of a run for the head shown; for a two-head run also its main-head breakdown.
void readRun(store::Database &db, qint64 run, const QString &head,
             std::optional<Result<compare::EvaluationBreakdown>> &shown,
             std::optional<compare::EvaluationBreakdown> &epic)
{
    shown = compare::evaluationBreakdown(db, run);
    if (!*shown || !(*shown)->twoHeads())
        return;
    epic = **shown;
    if (head != QLatin1String("class"))
        shown = compare::evaluationBreakdown(db, run, head);
}

QSharedPointer<QCPAxisTickerText> classTicker(const QStringList &names)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    // Every class labelled up to 40 classes, then every k-th so labels do not overlap.
    const int every = std::max(1, int(names.size() + 39) / 40);
    for (int c = 0; c < int(names.size()); c += every)
        ticker->addTick(c, names[c]);
    return ticker;
}

QString percent(double v) { return std::isfinite(v) ? QStringLiteral("%1 %").arg(v, 0, 'f', 2) : QStringLiteral("-"); }

} // namespace

EvaluationTab::EvaluationTab(QWidget *parent)
    : QWidget(parent), m_runA(new QComboBox(this)), m_runB(new QComboBox(this)), m_matrixRun(new QComboBox(this)),
      m_head(new QComboBox(this)), m_normalised(new QCheckBox(tr("Normalised"), this)),
      m_exportBars(new QPushButton(tr("Export bars…"), this)),
      m_exportMatrix(new QPushButton(tr("Export matrix…"), this)), m_message(new QLabel(this)),
      m_bars(new QCustomPlot(this)), m_matrix(new QCustomPlot(this)), m_rescore(new QTableWidget(this))
{
    m_runA->setObjectName(QStringLiteral("evalRunACombo"));
    m_runB->setObjectName(QStringLiteral("evalRunBCombo"));
    for (QComboBox *box : {m_runA, m_runB}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumContentsLength(16);
    }
    m_head->setObjectName(QStringLiteral("evalHeadCombo"));
    m_head->addItem(tr("Verb head"), QStringLiteral("class"));
    m_head->addItem(tr("Noun head"), QStringLiteral("noun"));
    m_head->setToolTip(tr("Which head of a two-head (EPIC-KITCHENS) run the bars, the matrix and the re-scoring "
                          "show"));
    m_head->setVisible(false);
    m_matrixRun->setObjectName(QStringLiteral("evalMatrixRunCombo"));
    m_matrixRun->addItem(tr("Matrix of run A"));
    m_matrixRun->addItem(tr("Matrix of run B"));
    m_normalised->setObjectName(QStringLiteral("normalisedCheck"));
    m_normalised->setToolTip(tr("Each row divided by its clips (the share of a true class predicted as each class)"));
    m_exportBars->setObjectName(QStringLiteral("exportBarsButton"));
    m_exportMatrix->setObjectName(QStringLiteral("exportMatrixButton"));
    m_message->setObjectName(QStringLiteral("evalMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bars->setObjectName(QStringLiteral("perClassPlot"));
    m_matrix->setObjectName(QStringLiteral("confusionPlot"));
    m_rescore->setObjectName(QStringLiteral("rescoreTable"));
    m_rescore->setEditTriggers(QAbstractItemView::NoEditTriggers);

    // Per-class bars.
    m_bars->setMinimumHeight(180);
    m_bars->yAxis->setLabel(tr("Accuracy (%)"));
    m_bars->yAxis->setRange(0, 100);
    m_bars->xAxis->setTickLabelRotation(60);
    m_bars->xAxis->grid()->setVisible(false);
    m_bars->legend->setVisible(true);
    m_bars->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_bars->legend->setBrush(QColor(255, 255, 255, 215));
    m_barsGroup = new QCPBarsGroup(m_bars);
    m_barsGroup->setSpacingType(QCPBarsGroup::stAbsolute);
    m_barsGroup->setSpacing(1);

    // Confusion matrix with its colour scale.
    m_matrix->setMinimumSize(260, 220);
    m_matrix->xAxis->setLabel(tr("Predicted class"));
    m_matrix->yAxis->setLabel(tr("True class"));
    m_matrix->yAxis->setRangeReversed(true); // the first class on top, as matrices are read
    m_matrix->xAxis->setTickLabelRotation(60);
    m_matrix->xAxis->grid()->setVisible(false);
    m_matrix->yAxis->grid()->setVisible(false);
    m_matrix->axisRect()->setupFullAxesBox(false);
    m_map = new QCPColorMap(m_matrix->xAxis, m_matrix->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(false); // cells centred on the class indexes
    m_scale = new QCPColorScale(m_matrix);
    m_matrix->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_map->setColorScale(m_scale);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, QColor(247, 251, 255));
    gradient.setColorStopAt(0.5, QColor(107, 174, 214));
    gradient.setColorStopAt(1, QColor(8, 48, 107));
    m_map->setGradient(gradient);
    auto *margins = new QCPMarginGroup(m_matrix);
    m_matrix->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_matrix->addLayer(QStringLiteral("cells"));

    m_rescore->setColumnCount(2);
    m_rescore->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rescore->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rescore->horizontalHeader()->setStretchLastSection(true);
    m_rescore->setToolTip(tr("Top-1 accuracy re-scored from the stored per-view logits, without running the model"));

    const auto picked = [this] {
        m_followTicks = false;
        load();
    };
    connect(m_runA, &QComboBox::activated, this, picked);
    connect(m_runB, &QComboBox::activated, this, picked);
    connect(m_matrixRun, &QComboBox::currentIndexChanged, this, &EvaluationTab::showMatrix);
    connect(m_head, &QComboBox::currentIndexChanged, this, &EvaluationTab::load);
    connect(m_normalised, &QCheckBox::toggled, this, &EvaluationTab::showMatrix);
    connect(m_exportBars, &QPushButton::clicked, this, [this] { exportDialog(m_bars, QStringLiteral("per-class")); });
    connect(m_exportMatrix, &QPushButton::clicked, this,
            [this] { exportDialog(m_matrix, QStringLiteral("confusion")); });

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Run A:"), this));
    controls->addWidget(m_runA);
    controls->addWidget(new QLabel(tr("Run B:"), this));
    controls->addWidget(m_runB);
    controls->addSpacing(12);
    controls->addWidget(m_head);
    controls->addWidget(m_matrixRun);
    controls->addWidget(m_normalised);
    controls->addStretch(1);
    controls->addWidget(m_exportBars);
    controls->addWidget(m_exportMatrix);

    auto *rescoreBox = new QWidget(this);
    auto *rescoreLayout = new QVBoxLayout(rescoreBox);
    rescoreLayout->setContentsMargins(0, 0, 0, 0);
    auto *rescoreTitle = new QLabel(tr("Multi-view re-scoring (top-1)"), rescoreBox);
    rescoreTitle->setToolTip(tr("Top-1 of the stored predictions, of the views' softmax averaged again, of the "
                                "first view alone and of each view alone (from the stored per-view logits)"));
    rescoreLayout->addWidget(rescoreTitle);
    rescoreLayout->addWidget(m_rescore, 1);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_matrix);
    bottom->addWidget(rescoreBox);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_bars);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    // Rotated class names take ~120 px under the bars: leave the bars room of their own.
    m_bars->setMinimumHeight(320);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    load();
}

void EvaluationTab::setSelection(const CompareSelection &selection)
{
    const bool newRecords = selection.records != m_selection.records;
    m_selection = selection;
    if (newRecords) {
        const QString a = m_runA->currentText(), b = m_runB->currentText();
        const QSignalBlocker blockA(m_runA), blockB(m_runB);
        m_runA->clear();
        m_runB->clear();
        m_runB->addItem(tr("(none)"), kNone);
        if (selection.records)
            for (int i = 0; i < int(selection.records->size()); ++i) {
                m_runA->addItem(selection.record(i).info.name, i);
                m_runB->addItem(selection.record(i).info.name, i);
            }
        m_runA->setCurrentIndex(std::max(0, m_runA->findText(a)));
        m_runB->setCurrentIndex(std::max(0, m_runB->findText(b)));
    }
    if (m_followTicks && !selection.runs.isEmpty()) {
        const QSignalBlocker blockA(m_runA), blockB(m_runB);
        m_runA->setCurrentIndex(m_runA->findData(selection.runs.value(0)));
        m_runB->setCurrentIndex(std::max(0, m_runB->findData(selection.runs.value(1, kNone))));
    }
    load();
}

void EvaluationTab::setRuns(int a, int b)
{
    m_followTicks = false;
    const QSignalBlocker blockA(m_runA), blockB(m_runB);
    m_runA->setCurrentIndex(m_runA->findData(a));
    m_runB->setCurrentIndex(std::max(0, m_runB->findData(b)));
    load();
}

int EvaluationTab::runA() const { return m_runA->count() ? m_runA->currentData().toInt() : kNone; }

int EvaluationTab::runB() const { return m_runB->count() ? m_runB->currentData().toInt() : kNone; }

void EvaluationTab::setNormalised(bool on) { m_normalised->setChecked(on); }

void EvaluationTab::setMatrixRun(int which) { m_matrixRun->setCurrentIndex(which == 1 ? 1 : 0); }

void EvaluationTab::setHead(const QString &head) { m_head->setCurrentIndex(std::max(0, m_head->findData(head))); }

QString EvaluationTab::message() const { return m_message->text(); }

void EvaluationTab::load()
{
    const quint64 generation = ++m_generation;
    const int a = runA(), b = runB();
    if (!m_selection.records || a == kNone) {
        m_loading = false;
        m_a.reset();
        m_b.reset();
        m_errorA.clear();
        m_errorB.clear();
        m_message->setText(m_selection.records && !m_selection.records->isEmpty()
                               ? tr("Choose a run to see its evaluation.")
                               : tr("No runs in this workspace."));
        showBars();
        showMatrix();
        showRescoring();
        Q_EMIT updated();
        return;
    }
    m_loading = true;
    m_message->setText(tr("Reading the predictions…"));
    const QString folder = m_selection.workspace;
    const qint64 idA = m_selection.record(a).info.id;
    const qint64 idB = b == kNone ? 0 : m_selection.record(b).info.id;
    const QString head = m_head->currentData().toString();
    whenFinished(
        this, runInBackground([folder, idA, idB, head] {
            auto out = std::make_shared<Outcome>();
            auto ws = store::Workspace::open(folder);
            if (!ws) {
                out->a = Result<compare::EvaluationBreakdown>(ws.error());
                return out;
            }
            readRun((*ws)->db(), idA, head, out->a, out->epicA);
            if (idB)
                readRun((*ws)->db(), idB, head, out->b, out->epicB);
            return out;
        }),
        [this, generation, a, b](const std::shared_ptr<Outcome> &out) {
            if (generation != m_generation)
                return;
            m_loading = false;
            const auto take = [this](const std::optional<Result<compare::EvaluationBreakdown>> &r, int run,
                                     std::optional<compare::EvaluationBreakdown> &into, QString &error) {
                into.reset();
                error.clear();
                if (!r)
                    return;
                if (*r) {
                    into = **r;
                    return;
                }
                const QString name = m_selection.record(run).info.name;
                error = r->error().code == QLatin1String("data")
                            ? tr("%1 has no stored predictions. Evaluate it (avt-workbench --batch eval "
                                 "--workspace WS --run %1), or let its training reach an evaluation.")
                                  .arg(name)
                            : tr("%1: %2").arg(name, r->error().message);
            };
            take(out->a, a, m_a, m_errorA);
            take(out->b, b, m_b, m_errorB);
            QStringList lines;
            for (const QString &e : {m_errorA, m_errorB})
                if (!e.isEmpty())
                    lines.append(e);
            const auto line = [&](const std::optional<compare::EvaluationBreakdown> &shown,
                                  const std::optional<compare::EvaluationBreakdown> &epic, int run) {
                if (!shown)
                    return;
                const QString name = m_selection.record(run).info.name;
                if (epic)
                    lines.append(
                        tr("%1: verb top-1 %2, noun top-1 %3, action top-1 %4 on %n clip(s)", nullptr, epic->clips)
                            .arg(name, percent(epic->top1), percent(epic->nounTop1), percent(epic->actionTop1)));
                else
                    lines.append(
                        tr("%1: top-1 %2 on %n clip(s)", nullptr, shown->clips).arg(name, percent(shown->top1)));
            };
            line(m_a, out->epicA, a);
            line(m_b, out->epicB, b);
            // The head choice appears for two-head (EPIC-KITCHENS) runs only.
            m_head->setVisible(out->epicA || out->epicB);
            m_message->setText(lines.join(QLatin1Char('\n')));
            if (!m_b && m_a)
                m_matrixRun->setCurrentIndex(0);
            showBars();
            showMatrix();
            showRescoring();
            Q_EMIT updated();
        });
}

void EvaluationTab::showBars()
{
    m_bars->clearPlottables();
    const compare::EvaluationBreakdown *first = m_a ? &*m_a : m_b ? &*m_b : nullptr;
    m_exportBars->setEnabled(first != nullptr);
    if (!first) {
        m_bars->replot();
        return;
    }
    const QStringList &names = first->classNames;
    const int shown = int(bool(m_a)) + int(bool(m_b));
    const auto addBars = [&](const compare::EvaluationBreakdown &b, int run) {
        auto *bars = new QCPBars(m_bars->xAxis, m_bars->yAxis);
        bars->setName(m_selection.record(run).info.name);
        const QColor colour = m_selection.runColours.value(run, QColor(31, 119, 180));
        bars->setPen(QPen(colour.darker(130)));
        bars->setBrush(colour);
        bars->setWidth(0.8 / shown);
        bars->setBarsGroup(m_barsGroup);
        QVector<double> keys, values;
        for (int c = 0; c < int(b.perClass.size()); ++c) {
            keys.append(c);
            values.append(std::isfinite(b.perClass[c]) ? b.perClass[c] : 0.0);
        }
        bars->setData(keys, values, true);
    };
    if (m_a)
        addBars(*m_a, runA());
    if (m_b) {
        addBars(*m_b, runB());
        // Same colour for both runs (a hash collision): B gets a lighter shade.
        if (m_a && m_bars->plottableCount() == 2) {
            auto *bb = qobject_cast<QCPBars *>(m_bars->plottable(1));
            auto *ba = qobject_cast<QCPBars *>(m_bars->plottable(0));
            if (bb && ba && bb->brush().color() == ba->brush().color())
                bb->setBrush(bb->brush().color().lighter(150));
        }
    }
    m_bars->xAxis->setTicker(classTicker(names));
    m_bars->xAxis->setRange(-0.6, names.size() - 0.4);
    m_bars->yAxis->setRange(0, 105);
    m_bars->replot();
}

void EvaluationTab::showMatrix()
{
    m_matrix->clearItems();
    const compare::EvaluationBreakdown *b = m_matrixRun->currentIndex() == 1 && m_b ? &*m_b : m_a ? &*m_a : nullptr;
    m_exportMatrix->setEnabled(b != nullptr);
    m_matrixRun->setEnabled(m_a && m_b);
    if (!b || b->classes() == 0) {
        m_map->data()->clear();
        m_map->setVisible(false);
        m_matrix->replot();
        return;
    }
    const int n = b->classes();
    const bool normalised = m_normalised->isChecked();
    m_map->setVisible(true);
    m_map->data()->setSize(n, n);
    m_map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
    for (int truth = 0; truth < n; ++truth) {
        int rowSum = 0;
        for (int p = 0; p < n; ++p)
            rowSum += b->confusion[truth * n + p];
        for (int p = 0; p < n; ++p) {
            const int count = b->confusion[truth * n + p];
            const double v = normalised ? (rowSum ? double(count) / rowSum : 0.0) : double(count);
            m_map->data()->setCell(p, truth, v);
            if (n <= kMaxCellLabels && count > 0) {
                auto *text = new QCPItemText(m_matrix);
                text->setLayer(QStringLiteral("cells"));
                text->position->setCoords(p, truth);
                text->setText(normalised ? QString::number(v, 'f', 2) : QString::number(count));
                QFont f = m_matrix->font();
                f.setPointSizeF(f.pointSizeF() * (n > 12 ? 0.7 : 0.85));
                text->setFont(f);
                const double share = rowSum ? double(count) / rowSum : 0.0;
                text->setColor(share > 0.5 ? Qt::white : Qt::black);
            }
        }
    }
    if (normalised) {
        m_map->setDataRange(QCPRange(0, 1));
        m_scale->axis()->setLabel(tr("Share of the true class"));
    } else {
        m_map->rescaleDataRange(true);
        if (m_map->dataRange().upper <= 0)
            m_map->setDataRange(QCPRange(0, 1));
        else
            m_map->setDataRange(QCPRange(0, m_map->dataRange().upper));
        m_scale->axis()->setLabel(tr("Clips"));
    }
    m_matrix->xAxis->setTicker(classTicker(b->classNames));
    m_matrix->yAxis->setTicker(classTicker(b->classNames));
    m_matrix->xAxis->setRange(-0.5, n - 0.5);
    m_matrix->yAxis->setRange(-0.5, n - 0.5);
    m_matrix->replot();
}

void EvaluationTab::showRescoring()
{
    m_rescore->clear();
    QStringList headers;
    QList<const compare::EvaluationBreakdown *> shown;
    if (m_a) {
        headers.append(m_selection.record(runA()).info.name);
        shown.append(&*m_a);
    }
    if (m_b) {
        headers.append(m_selection.record(runB()).info.name);
        shown.append(&*m_b);
    }
    int views = 0;
    for (const auto *b : shown)
        views = std::max(views, b->views);
    QStringList rows{tr("Stored (views averaged)"), tr("Views averaged"), tr("First view")};
    for (int v = 0; v < views; ++v)
        rows.append(tr("View %1").arg(v + 1));
    rows.append(tr("Views per clip"));
    rows.append(tr("Clips"));
    m_rescore->setColumnCount(int(shown.size()));
    m_rescore->setRowCount(shown.isEmpty() ? 0 : int(rows.size()));
    m_rescore->setHorizontalHeaderLabels(headers);
    if (shown.isEmpty())
        return;
    m_rescore->setVerticalHeaderLabels(rows);
    for (int c = 0; c < int(shown.size()); ++c) {
        const compare::EvaluationBreakdown &b = *shown[c];
        QStringList cells{percent(b.top1), percent(b.averagedTop1), percent(b.firstViewTop1)};
        for (int v = 0; v < views; ++v)
            cells.append(percent(b.perViewTop1.value(v, std::nan(""))));
        cells.append(QString::number(b.views));
        cells.append(QString::number(b.rescoredClips));
        for (int r = 0; r < int(cells.size()); ++r) {
            auto *item = new QTableWidgetItem(cells[r]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_rescore->setItem(r, c, item);
        }
    }
}

Status EvaluationTab::exportBars(const QString &path) const { return savePlotImage(m_bars, path); }

Status EvaluationTab::exportMatrix(const QString &path) const { return savePlotImage(m_matrix, path); }

void EvaluationTab::exportDialog(QCustomPlot *plot, const QString &name)
{
    QString selected;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export plot"), QDir(m_selection.workspace).filePath(name + QStringLiteral(".png")),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected.contains(QLatin1String("*.pdf"))   ? QStringLiteral(".pdf")
                : selected.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg")
                                                            : QStringLiteral(".png");
    if (auto st = savePlotImage(plot, path); !st)
        QMessageBox::warning(this, tr("Export plot"), st.error().message);
}

} // namespace avt::widgets
