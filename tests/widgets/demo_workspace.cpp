#include "demo_workspace.h"

#include "core/demo/drumart.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"

namespace avt::testing {

DemoWorkspace makeDemoWorkspace()
{
    DemoWorkspace d;
    d.dir = std::make_unique<QTemporaryDir>();
    d.workspace = d.dir->filePath(QStringLiteral("ws"));
    d.dataset = QStringLiteral("drumart");
    demo::DemoOptions o;
    o.outDir = d.dir->filePath(QStringLiteral("drumart"));
    o.clipsPerClass = 3;
    o.seed = 11;
    auto made = demo::makeDrumArt(o);
    if (!made) {
        d.error = made.error().message;
        return d;
    }
    d.csvPath = made->csvPath;
    auto ws = store::Workspace::open(d.workspace);
    if (!ws) {
        d.error = ws.error().message;
        return d;
    }
    data::ImportOptions io;
    io.name = d.dataset;
    auto summary = data::importDataset(**ws, made->csvPath, io);
    if (!summary) {
        d.error = summary.error().message;
        return d;
    }
    d.summary = *summary;
    return d;
}

QString addLargeDataset(const DemoWorkspace &demo, const QString &name, int clips)
{
    auto ws = store::Workspace::open(demo.workspace);
    if (!ws)
        return ws.error().message;
    auto source = store::findDataset((*ws)->db(), demo.dataset);
    if (!source)
        return source.error().message;
    auto base = store::loadClips((*ws)->db(), source->id);
    if (!base || base->isEmpty())
        return QStringLiteral("demo dataset has no clips");
    store::DatasetInfo info = *source;
    info.id = 0;
    info.name = name;
    auto id = store::upsertDataset((*ws)->db(), info);
    if (!id)
        return id.error().message;
    QList<data::Clip> big;
    big.reserve(clips);
    for (int i = 0; i < clips; ++i) {
        data::Clip c = base->at(i % base->size());
        c.id = 0;
        c.key = QStringLiteral("%1_%2").arg(c.key).arg(i, 5, 10, QLatin1Char('0'));
        c.sourceLine = i + 2;
        big.append(std::move(c));
    }
    if (auto st = store::upsertClips((*ws)->db(), *id, big); !st)
        return st.error().message;
    return QString();
}

} // namespace avt::testing
