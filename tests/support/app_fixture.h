#pragma once
// For Qt tests that drive the avt-workbench binary (AVT_APP_BINARY): run it as a child process,
// and make a DrumArt-10 demo imported as dataset "demo" into a fresh workspace.
#include "core/demo/drumart.h"
#include "core/importer/importer.h"
#include "core/store/workspace.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace avt::test {

struct AppRun {
    int code = -1; // exit code; -1 when it crashed or ran past the timeout (then killed)
    QByteArray out, err;
};

inline AppRun runApp(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 600000, const QString &workingDir = QString())
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(QStringLiteral(AVT_APP_BINARY), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// `train` arguments of a short avt-tiny run (2 steps of batch 4 on 3 s clips, no evaluation), for
// tests that need trained runs to look at.
inline QStringList tinyRunArgs(const QString &workspace, const QString &dataset, const QString &name,
                               const QString &fusionMode)
{
    return {QStringLiteral("--batch"),     QStringLiteral("train"),
            QStringLiteral("--workspace"), workspace,
            QStringLiteral("--dataset"),   dataset,
            QStringLiteral("--name"),      name,
            QStringLiteral("--set"),       QStringLiteral("model.preset=avt-tiny"),
            QStringLiteral("--set"),       QStringLiteral("model.fusion.mode=") + fusionMode,
            QStringLiteral("--set"),       QStringLiteral("data.clip_seconds=3"),
            QStringLiteral("--set"),       QStringLiteral("data.workers=1"),
            QStringLiteral("--set"),       QStringLiteral("optim.batch=4"),
            QStringLiteral("--set"),       QStringLiteral("run.eval_each_epoch=false"),
            QStringLiteral("--max-steps"), QStringLiteral("2"),
            QStringLiteral("--progress"),  QStringLiteral("none")};
}

// Makes DrumArt-10 (clipsPerClass per class, seed) in demoDir and imports it as "demo" into the
// workspace wsDir. Returns an empty string, or what failed; *usable gets the usable clip count.
inline QString makeDemoWorkspace(const QString &demoDir, const QString &wsDir, int clipsPerClass, quint64 seed,
                                 int *usable = nullptr)
{
    demo::DemoOptions o;
    o.clipsPerClass = clipsPerClass;
    o.seed = seed;
    o.outDir = demoDir;
    auto made = demo::makeDrumArt(o);
    if (!made.ok())
        return made.error().message;
    auto ws = store::Workspace::open(wsDir);
    if (!ws.ok())
        return ws.error().message;
    data::ImportOptions io;
    io.name = QStringLiteral("demo");
    auto imported = data::importDataset(**ws, made->csvPath, io);
    if (!imported.ok())
        return imported.error().message;
    if (usable)
        *usable = imported->usable;
    return {};
}

} // namespace avt::test
