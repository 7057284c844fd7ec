// The house rules of the source tree, checked on the files themselves so that the README's map
// stays true:
//   - layers: model <- core <- {batch, widgets} <- app; an #include "x/..." may point down or
//     sideways inside its own layer only (batch and widgets never include each other);
//   - folders inside a layer form a DAG: no include cycle between two folders;
//   - file names are snake_case (.h / .cpp), and test files say their harness (tst_ Qt Test,
//     test_ support/check.h, bench_ a benchmark command);
//   - every file in batch/verbs/ is a verb in batch/registry.cpp under the same name, and back;
//   - the README's map names every source folder, and no folder that is gone.
// The failure messages name the files and lines, so a break is found without reading this.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <functional>

namespace {

// The tree checked: this checkout, or AVT_ARCHITECTURE_ROOT (to check another one, e.g. an older
// commit's tree, without building it).
const QString kRoot = qEnvironmentVariableIsSet("AVT_ARCHITECTURE_ROOT") ? qEnvironmentVariable("AVT_ARCHITECTURE_ROOT")
                                                                         : QStringLiteral(AVT_SOURCE_DIR);

struct Include {
    QString from; // file, relative to the root
    int line = 0;
    QString target; // as written: "core/media/probe.h"
};

// Layer rank of a top-level folder; -1 for anything that is not a layer.
int layerRank(const QString &top)
{
    static const QMap<QString, int> ranks{{QStringLiteral("model"), 0},
                                          {QStringLiteral("core"), 1},
                                          {QStringLiteral("batch"), 2},
                                          {QStringLiteral("widgets"), 2},
                                          {QStringLiteral("app"), 3}};
    return ranks.value(top, -1);
}

// The folder node of a path: "core/media/probe.h" -> "core/media"; "model/version.h" -> "model".
QString folderOf(const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'));
    return parts.size() > 2 ? parts[0] + QLatin1Char('/') + parts[1] : parts[0];
}

QStringList sourceFiles(const QStringList &tops)
{
    QStringList files;
    for (const QString &top : tops) {
        QDirIterator it(kRoot + QLatin1Char('/') + top, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir(kRoot).relativeFilePath(it.next());
    }
    files.sort();
    return files;
}

QList<Include> includesOf(const QStringList &files)
{
    static const QRegularExpression re(QStringLiteral(R"re(^\s*#\s*include\s+"([^"]+)")re"));
    QList<Include> out;
    for (const QString &f : files) {
        QFile file(kRoot + QLatin1Char('/') + f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        int line = 0;
        while (!file.atEnd()) {
            ++line;
            const auto m = re.match(QString::fromUtf8(file.readLine()));
            if (m.hasMatch())
                out.append({f, line, m.captured(1)});
        }
    }
    return out;
}

QString where(const Include &inc)
{
    return QStringLiteral("%1:%2 includes \"%3\"").arg(inc.from).arg(inc.line).arg(inc.target);
}

const QStringList kLayers{QStringLiteral("model"), QStringLiteral("core"), QStringLiteral("batch"),
                          QStringLiteral("widgets"), QStringLiteral("app")};

} // namespace

class TestArchitecture : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void includesPointDown();
    void foldersFormADag();
    void fileNamesFollowTheRule();
    void everyVerbFileIsRegistered();
    void readmeMapNamesEveryFolder();
};

void TestArchitecture::includesPointDown()
{
    const QList<Include> incs = includesOf(sourceFiles(kLayers));
    QVERIFY2(incs.size() > 300, "too few includes found: is AVT_SOURCE_DIR the source root?");
    QStringList bad;
    for (const Include &inc : incs) {
        const QString fromTop = inc.from.section(QLatin1Char('/'), 0, 0);
        const QString toTop = inc.target.section(QLatin1Char('/'), 0, 0);
        const int to = layerRank(toTop);
        if (to < 0 || toTop == fromTop)
            continue; // a library's own or a third-party header
        const int from = layerRank(fromTop);
        if (to > from || (to == from && toTop != fromTop))
            bad << where(inc) + QStringLiteral(" (%1 may not include %2)").arg(fromTop, toTop);
    }
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("upward or sideways includes between layers:\n  ")
                                       + bad.join(QStringLiteral("\n  "))));
}

void TestArchitecture::foldersFormADag()
{
    // Edges folder -> folder, each with the first include that makes it.
    QMap<QString, QMap<QString, Include>> edges;
    for (const Include &inc : includesOf(sourceFiles(kLayers))) {
        if (layerRank(inc.target.section(QLatin1Char('/'), 0, 0)) < 0)
            continue;
        const QString a = folderOf(inc.from), b = folderOf(inc.target);
        if (a != b && !edges[a].contains(b))
            edges[a].insert(b, inc);
    }
    // Depth-first search; a grey node reached again closes a cycle.
    QMap<QString, int> colour; // 0 white, 1 grey, 2 black
    QStringList stack, cycles;
    std::function<void(const QString &)> visit = [&](const QString &v) {
        colour[v] = 1;
        stack << v;
        for (auto it = edges[v].cbegin(); it != edges[v].cend(); ++it) {
            const QString &w = it.key();
            if (colour.value(w) == 1) {
                QStringList path = stack.mid(stack.indexOf(w));
                path << w;
                QStringList because;
                for (int i = 0; i + 1 < path.size(); ++i)
                    because << where(edges[path[i]][path[i + 1]]);
                cycles << path.join(QStringLiteral(" -> ")) + QStringLiteral("\n    ")
                              + because.join(QStringLiteral("\n    "));
            } else if (colour.value(w) == 0) {
                visit(w);
            }
        }
        stack.removeLast();
        colour[v] = 2;
    };
    for (const QString &v : edges.keys())
        if (colour.value(v) == 0)
            visit(v);
    QVERIFY2(cycles.isEmpty(),
             qPrintable(QStringLiteral("include cycles between folders:\n  ") + cycles.join(QStringLiteral("\n  "))));
}

void TestArchitecture::fileNamesFollowTheRule()
{
    static const QRegularExpression snake(QStringLiteral(R"(^[a-z][a-z0-9]*(_[a-z0-9]+)*\.(h|cpp)$)"));
    static const QRegularExpression testName(QStringLiteral(R"(^(tst|test|bench|fuzz)_[a-z0-9_]+\.cpp$)"));
    QStringList bad;
    for (const QString &f : sourceFiles(kLayers + QStringList{QStringLiteral("tests")})) {
        const QString name = f.section(QLatin1Char('/'), -1);
        if (!snake.match(name).hasMatch())
            bad << f + QStringLiteral(" (not snake_case)");
        // Under tests/, every .cpp outside support/ is a test or a benchmark, unless a header
        // of the same name shows it is a helper (model_test_util.cpp, media_fixtures.cpp).
        if (f.startsWith(QLatin1String("tests/")) && f.endsWith(QLatin1String(".cpp"))
            && !f.startsWith(QLatin1String("tests/support/")) && !testName.match(name).hasMatch()
            && !QFile::exists(kRoot + QLatin1Char('/') + f.chopped(4) + QStringLiteral(".h"))
            && name != QLatin1String("tst_widgets_main.cpp") && name != QLatin1String("screenshots.cpp"))
            bad << f + QStringLiteral(" (test files start with tst_, test_, bench_ or fuzz_)");
        if (f.startsWith(QLatin1String("tests/")) && name.startsWith(QLatin1String("tst_"))
            && name.endsWith(QLatin1String(".cpp"))) {
            QFile file(kRoot + QLatin1Char('/') + f);
            const QByteArray text = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            if (!text.contains("QTest") && !text.contains("QVERIFY") && !text.contains("QCOMPARE"))
                bad << f + QStringLiteral(" (tst_ files are Qt Test cases)");
        }
        if (f.startsWith(QLatin1String("tests/")) && name.startsWith(QLatin1String("test_"))) {
            QFile file(kRoot + QLatin1Char('/') + f);
            if (file.open(QIODevice::ReadOnly) && !file.readAll().contains("check.h"))
                bad << f + QStringLiteral(" (test_ files use support/check.h)");
        }
    }
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("file names:\n  ") + bad.join(QStringLiteral("\n  "))));
}

void TestArchitecture::everyVerbFileIsRegistered()
{
    QFile registry(kRoot + QStringLiteral("/batch/registry.cpp"));
    QVERIFY(registry.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(registry.readAll());
    static const QRegularExpression entry(
        QStringLiteral(R"re(\{\s*QStringLiteral\("([a-z-]+)"\),\s*QStringLiteral)re"));
    QSet<QString> registered;
    for (auto it = entry.globalMatch(text); it.hasNext();)
        registered.insert(it.next().captured(1).replace(QLatin1Char('-'), QLatin1Char('_')));
    QSet<QString> files;
    for (const QString &f : QDir(kRoot + QStringLiteral("/batch/verbs")).entryList({QStringLiteral("*.cpp")}))
        files.insert(f.chopped(4));
    QVERIFY2(registered.size() >= 10, "no verbs found in batch/registry.cpp");
    const QSet<QString> noFile = registered - files, noVerb = files - registered;
    QVERIFY2(noFile.isEmpty(), qPrintable(QStringLiteral("verbs without batch/verbs/<verb>.cpp: ")
                                          + QStringList(noFile.values()).join(QLatin1Char(' '))));
    QVERIFY2(noVerb.isEmpty(), qPrintable(QStringLiteral("files in batch/verbs/ that are not verbs: ")
                                          + QStringList(noVerb.values()).join(QLatin1Char(' '))));
}

void TestArchitecture::readmeMapNamesEveryFolder()
{
    QFile readme(kRoot + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const int from = text.indexOf(QStringLiteral("## Map of the code"));
    QVERIFY2(from >= 0, "README.md has no '## Map of the code' section");
    const int to = text.indexOf(QStringLiteral("\n## "), from + 1);
    const QString map = text.mid(from, to < 0 ? -1 : to - from);
    QSet<QString> folders;
    for (const QString &f : sourceFiles(kLayers))
        folders.insert(f.section(QLatin1Char('/'), 0, -2));
    QStringList missing;
    for (const QString &folder : folders)
        if (!map.contains(QStringLiteral("`%1/`").arg(folder)))
            missing << folder;
    missing.sort();
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("folders the README's map does not name: ") + missing.join(QLatin1Char(' '))));
    // Every `folder/` the map names in its table exists.
    static const QRegularExpression named(QStringLiteral("`((?:model|core|batch|widgets|app)(?:/[a-z_]+)*)/`"));
    QStringList gone;
    for (auto it = named.globalMatch(map); it.hasNext();) {
        const QString folder = it.next().captured(1);
        if (!QFileInfo(kRoot + QLatin1Char('/') + folder).isDir())
            gone << folder;
    }
    QVERIFY2(gone.isEmpty(), qPrintable(QStringLiteral("folders in the README's map that do not exist: ")
                                        + gone.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
