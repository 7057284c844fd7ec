// avt-workbench: the desktop workbench, or with --batch VERB a headless job runner.
//
//   avt-workbench [WORKSPACE]            open the main window (needs a display)
//   avt-workbench --batch VERB [ARGS]    run a batch verb (no display needed)
//   avt-workbench --help | --version
#include "batch/registry.h"
#include "core/media/probe.h"
#include "core/util/allocator.h"
#include "model/runtime/cpu_threads.h"
#include "widgets/shell/app_icon.h"
#include "widgets/shell/main_window.h"
#include "widgets/shell/workbench.h"

#include <QApplication>
#include <QCoreApplication>
#include <QMessageBox>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

void printUsage()
{
    std::printf("Usage:\n"
                "  avt-workbench [WORKSPACE]           open the workbench (GUI)\n"
                "  avt-workbench --batch VERB [ARGS]   run a job headless; VERB --help for its options\n"
                "  avt-workbench --help | --version\n\n"
                "Batch verbs:\n");
    for (const auto &verb : avt::batch::allVerbs())
        std::printf("  %-18s %s\n", qPrintable(verb.name), qPrintable(verb.summary));
}

int runBatch(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("avt-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AVT_VERSION));
    // FFmpeg's own lines from warnings up only: no informational banners (the H.264 encoder's
    // settings line when an MP4 is written), so that a user sees our lines.
    avt::media::setFfmpegLogQuiet(false);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst(); // program
    args.removeFirst(); // --batch
    if (args.isEmpty()) {
        std::fprintf(stderr, "avt-workbench: --batch needs a verb (see --help)\n");
        return avt::batch::ExitUsage;
    }
    const QString name = args.takeFirst();
    const avt::batch::Verb *verb = avt::batch::findVerb(name);
    if (!verb) {
        std::fprintf(stderr, "avt-workbench: unknown batch verb '%s' (see --help)\n", qPrintable(name));
        return avt::batch::ExitUsage;
    }
    return verb->run(args);
}

} // namespace

int main(int argc, char **argv)
{
    // Large loader buffers reused from the heap instead of mmap'd per sample (allocator.h).
    avt::tuneAllocator();
    // Before any matrix product: keep a pthreads OpenBLAS from competing with LibTorch's
    // threads (model/runtime/cpu_threads.h); verbs with --threads apply it again.
    avt::model::applyCpuThreads();
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--batch") == 0) {
            if (i != 1) {
                std::fprintf(stderr, "avt-workbench: --batch must come first\n");
                return avt::batch::ExitUsage;
            }
            return runBatch(argc, argv);
        }
    }
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        printUsage();
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("avt-workbench %s\n", AVT_VERSION);
        return 0;
    }
    // WORKSPACE...: the desktop file passes every folder dropped on the launcher (%F); the
    // workbench opens one workspace, the first.
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] == '-') {
            std::fprintf(stderr, "avt-workbench: unexpected argument '%s' (see --help)\n", argv[i]);
            return avt::batch::ExitUsage;
        }
    if (argc > 2)
        std::fprintf(stderr, "avt-workbench: opening %s; one workspace at a time, the other %d folder(s) left closed\n",
                     argv[1], argc - 2);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AVT Workbench"));
    QCoreApplication::setApplicationName(QStringLiteral("avt-workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AVT_VERSION));
    // The desktop file's id (Wayland app id, startup notification) and the window icon.
    QGuiApplication::setDesktopFileName(QLatin1String(avt::widgets::kDesktopId));
    QApplication::setWindowIcon(avt::widgets::applicationIcon());
    avt::media::setFfmpegLogQuiet(true); // damaged packets are reported per clip, not on stderr
    // The main window in the chosen language; View > Language rebuilds it in another at once.
    avt::widgets::Workbench workbench(app);
    workbench.window()->show();
    if (argc >= 2) {
        const QString folder = QString::fromLocal8Bit(argv[1]);
        if (auto opened = workbench.open(folder); !opened)
            // The main window's own message (its translation lives with the widgets' strings).
            QMessageBox::warning(workbench.window(),
                                 QCoreApplication::translate("avt::widgets::MainWindow", "Cannot open workspace"),
                                 opened.error().message);
    }
    return app.exec();
}
