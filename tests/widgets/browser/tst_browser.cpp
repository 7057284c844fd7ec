// The dataset browser on the real demo dataset: model and filters under
// QAbstractItemModelTester, live counts, histogram, thumbnails, preview and keyboard.
#include "../tst_widgets.h"

#include "core/store/dataset_store.h"
#include "core/store/workspace.h"
#include "widgets/browser/class_histogram.h"
#include "widgets/browser/clip_filter_model.h"
#include "widgets/browser/clip_preview.h"
#include "widgets/browser/clip_table_model.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/browser/thumbnail_cache.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <numeric>

using namespace avt;
using namespace avt::widgets;

namespace {

struct Loaded {
    QList<data::Clip> clips;
    QString mediaRoot;
};

Loaded loadDemo(const testing::DemoWorkspace &demo)
{
    auto ws = store::Workspace::open(demo.workspace);
    auto info = store::findDataset((*ws)->db(), demo.dataset);
    auto clips = store::loadClips((*ws)->db(), info->id);
    return {*clips, info->mediaRoot};
}

int sum(const QMap<QString, int> &m) { return std::accumulate(m.cbegin(), m.cend(), 0); }

} // namespace

void TestBrowser::modelUnderTester()
{
    ClipTableModel table;
    ClipFilterModel filter;
    QAbstractItemModelTester tableTester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&table);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Loaded d = loadDemo(*m_demo);
    QCOMPARE(d.clips.size(), 30);
    table.setClips(d.clips, d.mediaRoot);
    QCOMPARE(table.rowCount(), 30);
    QCOMPARE(table.columnCount(), int(ClipTableModel::ColumnCount));
    filter.sort(ClipTableModel::Duration, Qt::DescendingOrder);
    filter.setSplitFilter(QStringLiteral("test"));
    filter.setSearchText(QStringLiteral("c1-"));
    filter.setSearchText(QString());
    filter.setSplitFilter(QString());
    table.clear();
    QCOMPARE(filter.rowCount(), 0);
    table.setClips(d.clips, d.mediaRoot);
    QCOMPARE(filter.rowCount(), 30);

    // Cells show what the store holds.
    const data::Clip &c = table.clipAt(0);
    QCOMPARE(table.data(table.index(0, ClipTableModel::Labels)).toString(), c.label());
    QCOMPARE(table.data(table.index(0, ClipTableModel::Split)).toString(), c.split);
    QVERIFY(table.data(table.index(0, ClipTableModel::AudioRate)).toString().contains(QStringLiteral("16000")));
    QVERIFY(QFileInfo::exists(table.data(table.index(0, 0), ClipTableModel::PathRole).toString()));
    QCOMPARE(table.rowOfClip(c.id), 0);
}

void TestBrowser::filtersAndCounts()
{
    ClipTableModel table;
    ClipFilterModel filter;
    filter.setSourceModel(&table);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Loaded d = loadDemo(*m_demo);
    table.setClips(d.clips, d.mediaRoot);
    QSignalSpy changed(&filter, &ClipFilterModel::filtersChanged);

    FacetCounts all = filter.facetCounts();
    QCOMPARE(all.labels.size(), 10);
    for (int n : all.labels)
        QCOMPARE(n, 3);
    QCOMPARE(sum(all.splits), 30);
    QCOMPARE(all.splits.value(QStringLiteral("test")), m_demo->summary.perSplit.value(QStringLiteral("test")));
    const auto clean =
        std::count_if(d.clips.begin(), d.clips.end(), [](const data::Clip &c) { return c.problems.isEmpty(); });
    QCOMPARE(all.problems.value(ClipFilterModel::kNoProblem), int(clean));

    filter.setSplitFilter(QStringLiteral("test"));
    const int tests = all.splits.value(QStringLiteral("test"));
    QCOMPARE(filter.rowCount(), tests);
    FacetCounts c = filter.facetCounts();
    QCOMPARE(sum(c.labels), tests); // labels follow the split filter
    QCOMPARE(c.splits, all.splits); // the split facet ignores its own filter
    QCOMPARE(c.labelTotal, tests);

    const QString label = all.labels.firstKey();
    filter.setLabelFilter(label);
    QCOMPARE(filter.rowCount(), c.labels.value(label));
    for (int r = 0; r < filter.rowCount(); ++r) {
        QCOMPARE(filter.index(r, 0).data(ClipTableModel::SplitRole).toString(), QStringLiteral("test"));
        QVERIFY(filter.index(r, 0).data(ClipTableModel::LabelsRole).toStringList().contains(label));
    }
    FacetCounts withLabel = filter.facetCounts();
    QCOMPARE(withLabel.labels, c.labels); // the label facet ignores the label filter
    QCOMPARE(sum(withLabel.splits), 3);   // all splits of that label

    filter.setSplitFilter(QString());
    filter.setLabelFilter(QString());
    filter.setSearchText(QStringLiteral("C3-")); // case-insensitive path / key search
    QCOMPARE(filter.rowCount(), 3);
    filter.setSearchText(QStringLiteral("no-such-clip"));
    QCOMPARE(filter.rowCount(), 0);
    QCOMPARE(filter.facetCounts().labelTotal, 0);
    filter.setSearchText(QString());
    filter.setProblemFilter(ClipFilterModel::kNoProblem);
    QCOMPARE(filter.rowCount(), all.problems.value(ClipFilterModel::kNoProblem));
    filter.setProblemFilter(QStringLiteral("missing"));
    QCOMPARE(filter.rowCount(), all.problems.value(QStringLiteral("missing")));
    QCOMPARE(changed.count(), 9); // one per effective filter change above
}

void TestBrowser::browserHistogramFollowsFilters()
{
    DatasetBrowser browser;
    QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
    browser.setWorkspace(m_demo->workspace);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    QVERIFY(loaded.at(0).at(0).toBool());
    QCOMPARE(browser.histogram()->labels().size(), 10);
    QList<int> values = browser.histogram()->values();
    QCOMPARE(std::accumulate(values.begin(), values.end(), 0), 30);

    browser.filterModel()->setSplitFilter(QStringLiteral("train"));
    values = browser.histogram()->values();
    QCOMPARE(std::accumulate(values.begin(), values.end(), 0), browser.filterModel()->rowCount());
    QVERIFY(browser.filterModel()->rowCount() < 30);
}

void TestBrowser::thumbnailsAndPreview()
{
    DatasetBrowser browser;
    browser.resize(1200, 700);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
    QSignalSpy clipChanged(&browser, &DatasetBrowser::currentClipChanged);
    QSignalSpy thumbs(browser.thumbnails(), &ThumbnailCache::thumbnailReady);
    browser.setWorkspace(m_demo->workspace);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);

    // The view asks for the visible rows' thumbnails; they arrive from the pool.
    QTRY_VERIFY_WITH_TIMEOUT(thumbs.count() >= 3, 20000);
    const qint64 id = thumbs.at(0).at(0).toLongLong();
    const int row = browser.clipModel()->rowOfClip(id);
    const QPixmap pixmap = browser.clipModel()
                               ->data(browser.clipModel()->index(row, ClipTableModel::Thumbnail), Qt::DecorationRole)
                               .value<QPixmap>();
    QVERIFY(!pixmap.isNull());
    QCOMPARE(qRound(pixmap.height() / pixmap.devicePixelRatio()), browser.thumbnails()->thumbnailHeight());
    // Only the visible rows were asked for: with 30 rows and a 700 px window not all are.
    QVERIFY(browser.thumbnails()->pending() + thumbs.count() <= 30);

    // The first clip is selected and previewed: frames and a spectrogram.
    QTRY_VERIFY_WITH_TIMEOUT(browser.preview()->frameCount() > 10 && !browser.preview()->isLoading(), 20000);
    QCOMPARE(clipChanged.count(), 1);
    const ClipRef first = clipChanged.at(0).at(0).value<ClipRef>();

    // Down arrow moves to the next clip; Space plays.
    browser.table()->setFocus();
    QTest::keyClick(browser.table(), Qt::Key_Down);
    QCOMPARE(clipChanged.count(), 2);
    QVERIFY(!(clipChanged.at(1).at(0).value<ClipRef>() == first));
    QTRY_VERIFY_WITH_TIMEOUT(browser.preview()->frameCount() > 10 && !browser.preview()->isLoading(), 20000);
    QTest::keyClick(browser.table(), Qt::Key_Space);
    QVERIFY(browser.preview()->isPlaying());
    const int shown = browser.preview()->currentFrame();
    QTRY_VERIFY(browser.preview()->currentFrame() != shown);
    QTest::keyClick(browser.table(), Qt::Key_Space);
    QVERIFY(!browser.preview()->isPlaying());
}
