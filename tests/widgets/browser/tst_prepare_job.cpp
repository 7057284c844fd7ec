// "Prepare clip cache…": BatchJob (widgets/common/batch_job.h) against fake programs (shell
// scripts standing in for `avt-workbench --batch prepare --progress json`): JSON progress lines,
// one split across two writes, a last line without its newline, lines that are not events,
// errors on stderr and exit statuses, a program that cannot start, cancel of a program that
// stops on SIGTERM and of one that ignores it; then the dataset browser running the verb on the
// demo dataset: the exact arguments from the dialog, the progress row, Cancel, the result.
#include "../tst_widgets.h"

#include "core/store/clip_cache_store.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"
#include "model/config/model_config.h"
#include "widgets/browser/dataset_browser.h"
#include "widgets/browser/prepare_dialog.h"
#include "widgets/common/batch_job.h"
#include "widgets/train/cache_panel.h"
#include "widgets/train/config_form.h"
#include "widgets/train/launcher_view.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace avt::widgets;

namespace {

// Writes an executable /bin/sh script `name` into dir and returns its path.
QString writeScript(const QTemporaryDir &dir, const QString &name, const QByteArray &body)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    return path;
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The browser's fake `prepare`: records its arguments, reports a plan and clip 1 of 2, waits
// until the test creates DIR/go, then reports clip 2, a summary and finished.
QByteArray browserFake(const QTemporaryDir &dir)
{
    const QByteArray d = dir.path().toUtf8();
    return "printf '%s\\n' \"$@\" > '" + d
           + "/args.txt'\n"
             "echo '{\"event\":\"plan\",\"task\":\"prepare\",\"message\":\"2 entries, about 3.1 MB, 20.0 GB free\"}'\n"
             "echo "
             "'{\"event\":\"progress\",\"task\":\"prepare\",\"done\":1,\"total\":2,\"message\":\"clip_0001.mp4\"}'\n"
             "while [ ! -e '"
           + d
           + "/go' ]; do sleep 0.05; done\n"
             "echo "
             "'{\"event\":\"progress\",\"task\":\"prepare\",\"done\":2,\"total\":2,\"message\":\"clip_0002.mp4\"}'\n"
             "echo '{\"event\":\"summary\",\"task\":\"prepare\",\"message\":\"2 entries written, 3.0 MB on disk, 0.4 "
             "s\"}'\n"
             "echo '{\"event\":\"finished\",\"task\":\"prepare\",\"done\":2,\"total\":2,\"seconds\":0.4}'\n";
}

} // namespace

void TestPrepareJob::reportsProgressEventsAndSummary()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Progress 2 arrives in two writes 300 ms apart; the last line ("finished") has no newline.
    const QString fake = writeScript(
        dir, QStringLiteral("fake.sh"),
        "echo 'avt-workbench: loading (not JSON)'\n"
        "echo '{not json either'\n"
        "echo '{\"task\":\"prepare\",\"message\":\"an object without an event\"}'\n"
        "echo 'avt-workbench prepare: a warning that is not the result' >&2\n"
        "echo '{\"event\":\"plan\",\"task\":\"prepare\",\"message\":\"3 entries, about 4.5 MB, 20.0 GB free\"}'\n"
        "echo '{\"event\":\"progress\",\"task\":\"prepare\",\"done\":1,\"total\":3,\"message\":\"clip_0001.mp4\"}'\n"
        "printf '{\"event\":\"progress\",\"task\":\"prepare\",\"do'\n"
        "sleep 0.3\n"
        "printf 'ne\":2,\"total\":3,\"message\":\"clip_0002.mp4\"}\\n'\n"
        "echo '{\"event\":\"progress\",\"task\":\"prepare\",\"done\":3,\"total\":3,\"message\":\"clip_0003.mp4\"}'\n"
        "echo '{\"event\":\"summary\",\"task\":\"prepare\",\"message\":\"3 entries written, 4.4 MB on disk, 0.3 s\"}'\n"
        "printf '{\"event\":\"finished\",\"task\":\"prepare\",\"done\":3,\"total\":3,\"seconds\":0.3}'\n"
        "exit 0\n");
    BatchJob job;
    QCOMPARE(job.program(), QCoreApplication::applicationFilePath());
    job.setProgram(fake);
    QSignalSpy progress(&job, &BatchJob::progress);
    QSignalSpy events(&job, &BatchJob::eventReceived);
    QSignalSpy finished(&job, &BatchJob::finished);
    QVERIFY(job.start({QStringLiteral("prepare"), QStringLiteral("--dataset"), QStringLiteral("d")}));
    QVERIFY(job.isRunning());
    QCOMPARE(job.arguments(), (QStringList{QStringLiteral("--batch"), QStringLiteral("prepare"),
                                           QStringLiteral("--dataset"), QStringLiteral("d")}));
    QVERIFY(!job.start({QStringLiteral("prepare")})); // one at a time
    QVERIFY(finished.wait(10000));
    QVERIFY(!job.isRunning());

    QCOMPARE(progress.count(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(progress.at(i).at(0).toLongLong(), qint64(i + 1));
        QCOMPARE(progress.at(i).at(1).toLongLong(), qint64(3));
        QCOMPARE(progress.at(i).at(2).toString(), QStringLiteral("clip_000%1.mp4").arg(i + 1));
    }
    QCOMPARE(events.count(), 3);
    QCOMPARE(events.at(0).at(0).toString(), QStringLiteral("plan"));
    QCOMPARE(events.at(0).at(1).toString(), QStringLiteral("3 entries, about 4.5 MB, 20.0 GB free"));
    QCOMPARE(events.at(1).at(0).toString(), QStringLiteral("summary"));
    QCOMPARE(events.at(2).at(0).toString(), QStringLiteral("finished"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("3 entries written, 4.4 MB on disk, 0.3 s"));

    // The job can run again; each start reports afresh.
    progress.clear();
    finished.clear();
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QVERIFY(finished.wait(10000));
    QCOMPARE(progress.count(), 3);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.at(0).at(0).toBool());
}

void TestPrepareJob::failuresCarryTheMessage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BatchJob job;
    QSignalSpy finished(&job, &BatchJob::finished);

    // The last "avt-workbench " line of stderr, not the noise around it nor the summary.
    job.setProgram(writeScript(dir, QStringLiteral("fail.sh"),
                               "echo '{\"event\":\"summary\",\"task\":\"prepare\",\"message\":\"not this\"}'\n"
                               "echo 'some library chatter' >&2\n"
                               "echo \"avt-workbench prepare: no such dataset 'x'\" >&2\n"
                               "echo 'more chatter' >&2\n"
                               "exit 1\n"));
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("avt-workbench prepare: no such dataset 'x'"));

    // No such line: the exit status.
    finished.clear();
    job.setProgram(writeScript(dir, QStringLiteral("status.sh"), "echo 'Segmentation fault' >&2\nexit 3\n"));
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("status.sh exited with status 3"));

    // A program that does not exist: one finished(false), after start() has returned.
    finished.clear();
    job.setProgram(dir.filePath(QStringLiteral("missing")));
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(finished.at(0).at(1).toString().startsWith(QStringLiteral("Cannot start ")),
             qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(!job.isRunning());
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
}

void TestPrepareJob::cancelStopsTheChild()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BatchJob job;
    QSignalSpy progress(&job, &BatchJob::progress);
    QSignalSpy finished(&job, &BatchJob::finished);

    // Sleeps 30 s; on SIGTERM stops its work and exits, as the verb does after its current clip.
    job.setProgram(writeScript(dir, QStringLiteral("sleep.sh"),
                               "sleep 30 &\n"
                               "pid=$!\n"
                               "trap 'kill $pid; exit 143' TERM\n"
                               "echo '{\"event\":\"progress\",\"task\":\"prepare\",\"done\":1,\"total\":100,"
                               "\"message\":\"clip_0001.mp4\"}'\n"
                               "wait $pid\n"));
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QVERIFY(progress.wait(10000)); // the trap is set
    QElapsedTimer clock;
    clock.start();
    job.cancel();
    QVERIFY(job.isRunning()); // until the child has gone
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Cancelled"));
    QVERIFY(!job.isRunning());

    // One that ignores SIGTERM is killed kKillAfterMs later.
    progress.clear();
    finished.clear();
    job.setProgram(writeScript(dir, QStringLiteral("stubborn.sh"),
                               "trap '' TERM\n"
                               "echo '{\"event\":\"progress\",\"task\":\"prepare\",\"done\":1,\"total\":100,"
                               "\"message\":\"x\"}'\n"
                               "i=0; while [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done\n"));
    QVERIFY(job.start({QStringLiteral("prepare")}));
    QVERIFY(progress.wait(10000));
    clock.restart();
    job.cancel();
    QTest::qWait(BatchJob::kKillAfterMs / 2);
    QCOMPARE(finished.count(), 0); // still running: SIGTERM was ignored
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, BatchJob::kKillAfterMs + 3000);
    QVERIFY2(clock.elapsed() >= BatchJob::kKillAfterMs - 50, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Cancelled"));
}

void TestPrepareJob::browserRunsThePrepareVerb()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fake = writeScript(dir, QStringLiteral("prepare.sh"), browserFake(dir));
    const QString argsFile = dir.filePath(QStringLiteral("args.txt"));
    const QString goFile = dir.filePath(QStringLiteral("go"));

    DatasetBrowser browser;
    QVERIFY(!browser.prepareAction()->isEnabled()); // no dataset yet
    browser.resize(1200, 700);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
    QSignalSpy busy(&browser, &DatasetBrowser::busyChanged);
    QSignalSpy done(&browser, &DatasetBrowser::prepareFinished);
    browser.setWorkspace(m_demo->workspace);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 && !browser.isLoading(), 10000);
    QCOMPARE(browser.currentDataset(), m_demo->dataset);
    browser.prepareJob()->setProgram(fake);

    auto *button = browser.findChild<QToolButton *>(QStringLiteral("prepareButton"));
    auto *bar = browser.findChild<QProgressBar *>(QStringLiteral("prepareProgress"));
    auto *status = browser.findChild<QLabel *>(QStringLiteral("prepareStatus"));
    auto *cancel = browser.findChild<QToolButton *>(QStringLiteral("prepareCancel"));
    QVERIFY(button && bar && status && cancel);
    QVERIFY(button->isEnabled());
    QVERIFY(!bar->isVisible());

    // The button opens the dialog: presets from ModelConfig, avt-tiny first chosen.
    QTest::mouseClick(button, Qt::LeftButton);
    QPointer<PrepareDialog> dialog = browser.findChild<PrepareDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *presets = dialog->findChild<QComboBox *>();
    QVERIFY(presets);
    QCOMPARE(presets->count(), int(avt::model::ModelConfig::presetNames().size()));
    QCOMPARE(presets->itemText(0), QStringLiteral("avt-base"));
    QCOMPARE(dialog->preset(), QStringLiteral("avt-tiny"));
    QVERIFY(!dialog->rebuild());
    dialog->accept();
    QTRY_VERIFY(dialog.isNull()); // deleted once closed

    // Running: the row shows the plan then the progress; the action is disabled.
    QVERIFY(browser.isPreparing());
    QVERIFY(!browser.prepareAction()->isEnabled());
    QVERIFY(!button->isEnabled());
    QVERIFY(bar->isVisible() && cancel->isVisible());
    QVERIFY(!browser.startPrepare(QStringLiteral("avt-tiny"), false)); // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), 1, 10000);
    QCOMPARE(bar->maximum(), 2);
    QVERIFY2(status->text().contains(QStringLiteral("clip_0001.mp4")), qPrintable(status->text()));
    QCOMPARE(readLines(argsFile),
             (QStringList{QStringLiteral("--batch"), QStringLiteral("prepare"), QStringLiteral("--workspace"),
                          m_demo->workspace, QStringLiteral("--dataset"), m_demo->dataset, QStringLiteral("--preset"),
                          QStringLiteral("avt-tiny"), QStringLiteral("--progress"), QStringLiteral("json")}));
    QVERIFY(!busy.isEmpty());
    QCOMPARE(busy.last().at(0).toBool(), true);
    // The rest of the browser stays usable meanwhile.
    browser.stepClip(1);
    QCOMPARE(browser.table()->currentIndex().row(), 1);

    QVERIFY(QFile(goFile).open(QIODevice::WriteOnly));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QVERIFY(done.at(0).at(0).toBool());
    QVERIFY2(done.at(0).at(1).toString().contains(QStringLiteral("2 entries written, 3.0 MB on disk, 0.4 s")),
             qPrintable(done.at(0).at(1).toString()));
    QVERIFY(!bar->isVisible());
    QVERIFY(!cancel->isVisible());
    QCOMPARE(status->text(), done.at(0).at(1).toString());
    QCOMPARE(busy.last().at(0).toBool(), false);
    QCOMPARE(busy.last().at(1).toString(), done.at(0).at(1).toString());
    QVERIFY(button->isEnabled());

    // Another preset and a rebuild, chosen in the dialog.
    QFile::remove(goFile);
    QFile::remove(argsFile);
    browser.prepareAction()->trigger();
    dialog = browser.findChild<PrepareDialog *>();
    QVERIFY(dialog);
    dialog->setPreset(QStringLiteral("mbt-base"));
    dialog->setRebuild(true);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible() && bar->value() == 1, 10000);
    QCOMPARE(readLines(argsFile),
             (QStringList{QStringLiteral("--batch"), QStringLiteral("prepare"), QStringLiteral("--workspace"),
                          m_demo->workspace, QStringLiteral("--dataset"), m_demo->dataset, QStringLiteral("--preset"),
                          QStringLiteral("mbt-base"), QStringLiteral("--rebuild"), QStringLiteral("--progress"),
                          QStringLiteral("json")}));

    // Cancel: the row says it stopped; the action is back.
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
    QVERIFY(!done.at(1).at(0).toBool());
    QVERIFY2(status->text().contains(QStringLiteral("stopped")), qPrintable(status->text()));
    QVERIFY(!bar->isVisible());
    QVERIFY(browser.prepareAction()->isEnabled());

    // A failing verb: its message in the row and in busyChanged.
    browser.prepareJob()->setProgram(writeScript(dir, QStringLiteral("fail.sh"),
                                                 "echo \"avt-workbench prepare: no such dataset 'x'\" >&2\nexit 1\n"));
    QVERIFY(browser.startPrepare(QStringLiteral("avt-tiny"), false));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, 10000);
    QVERIFY(!done.at(2).at(0).toBool());
    QVERIFY2(status->text().contains(QStringLiteral("avt-workbench prepare: no such dataset 'x'")),
             qPrintable(status->text()));
    QCOMPARE(busy.last().at(0).toBool(), false);
    QVERIFY(busy.last().at(1).toString().contains(QStringLiteral("no such dataset 'x'")));
    QVERIFY(status->isVisible());
    browser.findChild<QToolButton *>(QStringLiteral("prepareDismiss"))->click();
    QVERIFY(!status->isVisible());
}

// The browser's action with the real `prepare` verb of the workbench binary: the caches of the
// demo dataset end complete in the store, and the browser shows the verb's summary.
void TestPrepareJob::browserPreparesWithTheRealVerb()
{
    DatasetBrowser browser;
    QSignalSpy loaded(&browser, &DatasetBrowser::datasetLoaded);
    QSignalSpy done(&browser, &DatasetBrowser::prepareFinished);
    browser.setWorkspace(m_demo->workspace);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 && !browser.isLoading(), 10000);
    browser.prepareJob()->setProgram(QStringLiteral(AVT_APP_BINARY));
    QVERIFY(browser.startPrepare(QStringLiteral("avt-tiny"), false));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    const QString message = done.at(0).at(1).toString();
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("complete")), qPrintable(message));
    auto ws = avt::store::Workspace::open(m_demo->workspace);
    QVERIFY(ws.ok());
    auto ds = avt::store::findDataset((*ws)->db(), m_demo->dataset);
    QVERIFY(ds.ok());
    auto caches = avt::store::listClipCaches((*ws)->db(), ds->id);
    QVERIFY(caches.ok());
    QCOMPARE(int(caches->size()), 2); // training (random resized crops) and evaluation settings
    for (const avt::store::ClipCacheRow &row : *caches) {
        QCOMPARE(row.status, QStringLiteral("complete"));
        QVERIFY(row.entries > 0 && row.entries == row.planned);
    }
}

// The Run Launcher's clip cache box: for the first planned run's config it names what training
// would read (here: evaluation's cache exists from the browser's prepare above, training's does
// not for data.scale_max 1.5, and the box says how the dataset's cache differs), and Prepare runs
// the real verb with exactly that config, after which both are read from the store as prepared.
void TestPrepareJob::launcherPreparesTheFirstRunsCache()
{
    LauncherView view;
    view.setProgram(QStringLiteral(AVT_APP_BINARY));
    QSignalSpy loaded(&view, &LauncherView::workspaceLoaded);
    view.setWorkspace(m_demo->workspace);
    QVERIFY(loaded.wait(10000));
    view.startFromPreset(QStringLiteral("avt-tiny"));
    view.form()->setValue(QStringLiteral("run.dataset"), m_demo->dataset);
    view.form()->setValue(QStringLiteral("data.scale_max"), QStringLiteral("1.5"));
    ClipCachePanel *panel = view.clipCache();
    QTRY_VERIFY2_WITH_TIMEOUT(panel->statusText().contains(QStringLiteral("Training: none for these settings")),
                              qPrintable(panel->statusText()), 10000);
    QVERIFY2(panel->statusText().contains(QStringLiteral("short_side: 140 -> 168")), qPrintable(panel->statusText()));
    QVERIFY2(panel->statusText().contains(QStringLiteral("Evaluation: prepared")), qPrintable(panel->statusText()));
    QVERIFY(!panel->isReady());

    QSignalSpy done(panel, &ClipCachePanel::prepareFinished);
    auto *button = panel->findChild<QPushButton *>(QStringLiteral("clipCachePrepare"));
    QVERIFY(button && button->isEnabled());
    button->click();
    QVERIFY(panel->isPreparing());
    QVERIFY(!button->isEnabled());
    const QStringList args = panel->job()->arguments();
    QVERIFY2(args.mid(0, 2) == (QStringList{QStringLiteral("--batch"), QStringLiteral("prepare")}),
             qPrintable(args.join(QLatin1Char(' '))));
    QVERIFY(args.contains(QStringLiteral("data.scale_max=1.5")));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QTRY_VERIFY2_WITH_TIMEOUT(panel->isReady(), qPrintable(panel->statusText()), 10000);
    QVERIFY2(panel->statusText().contains(QStringLiteral("Training: prepared")), qPrintable(panel->statusText()));
    QVERIFY(button->isEnabled());
}
