// The one JSON writer and the one tensor .npy writer of the engine (core/util/json_file,
// core/util/npy_file): what they write reads back the same, a failed write is an error that
// names the file, and a failed JSON write leaves the file that was there.
#include "core/util/json_file.h"
#include "core/util/npy_file.h"
#include "model/io/npy.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestFileWriters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonRoundTripAndReplace();
    void jsonFailureNamesTheFileAndKeepsTheOld();
    void compactJsonIsOneLine();
    void npyKeepsValuesShapesAndTypes();
    void npyFailureNamesTheFile();
};

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject{};
}

} // namespace

void TestFileWriters::jsonRoundTripAndReplace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.json"));
    const QJsonObject one{{QStringLiteral("x"), 1.5}, {QStringLiteral("list"), QJsonArray{1, 2, 3}}};
    QVERIFY(avt::writeJsonFile(path, one).ok());
    QCOMPARE(readJson(path), one);
    const QJsonObject two{{QStringLiteral("y"), QStringLiteral("ü")}};
    QVERIFY(avt::writeJsonFile(path, two, avt::JsonStyle::Compact).ok());
    QCOMPARE(readJson(path), two);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size() == 1); // no temporary left
}

void TestFileWriters::jsonFailureNamesTheFileAndKeepsTheOld()
{
    QTemporaryDir dir;
    // Below a regular file: no one can create it, root included.
    QFile blocker(dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString bad = dir.filePath(QStringLiteral("blocker/out.json"));
    const avt::Status st = avt::writeJsonFile(bad, QJsonObject{{QStringLiteral("a"), 1}});
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(bad), qPrintable(st.error().message));
    // A folder in the file's place: the write fails and the folder is untouched.
    const QString folder = dir.filePath(QStringLiteral("taken.json"));
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(!avt::writeJsonFile(folder, QJsonObject{}).ok());
    QVERIFY(QFileInfo(folder).isDir());
}

void TestFileWriters::compactJsonIsOneLine()
{
    const QJsonObject o{{QStringLiteral("a"), 1}, {QStringLiteral("b"), QJsonArray{QStringLiteral("x")}}};
    QCOMPARE(avt::compactJson(o), QStringLiteral(R"({"a":1,"b":["x"]})"));
    QCOMPARE(avt::compactJsonBytes(o), QByteArray(R"({"a":1,"b":["x"]})"));
}

void TestFileWriters::npyKeepsValuesShapesAndTypes()
{
    QTemporaryDir dir;
    const auto check = [&](const QString &name, const at::Tensor &t, avt::model::NpyDtype dtype) {
        const QString path = dir.filePath(name);
        QVERIFY(avt::writeNpyFile(path, t).ok());
        avt::model::NpyArray a;
        std::string err;
        QVERIFY2(avt::model::readNpy(path.toStdString(), a, &err), err.c_str());
        QCOMPARE(int(a.dtype), int(dtype));
        QCOMPARE(a.shape, t.sizes().vec());
        const std::vector<double> got = a.toDouble();
        const at::Tensor want = t.to(torch::kDouble).contiguous().flatten();
        QCOMPARE(int64_t(got.size()), want.numel());
        for (int64_t i = 0; i < want.numel(); ++i)
            QCOMPARE(got[size_t(i)], want[i].item<double>());
    };
    // Non-contiguous float64 (transposed), bool, int32, a 0-d scalar and an empty tensor.
    check(QStringLiteral("f.npy"), torch::arange(12, torch::kDouble).reshape({3, 4}).t() / 8.0,
          avt::model::NpyDtype::Float32);
    check(QStringLiteral("b.npy"), torch::tensor({true, false, true}), avt::model::NpyDtype::UInt8);
    check(QStringLiteral("i.npy"), torch::tensor({-3, 7}, torch::kInt), avt::model::NpyDtype::Int64);
    check(QStringLiteral("s.npy"), torch::tensor(2.5f), avt::model::NpyDtype::Float32);
    check(QStringLiteral("e.npy"), torch::zeros({0, 5}), avt::model::NpyDtype::Float32);
}

void TestFileWriters::npyFailureNamesTheFile()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("x.npy"));
    QVERIFY(QDir().mkpath(folder));
    const avt::Status st = avt::writeNpyFile(folder, torch::ones({2}));
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(folder), qPrintable(st.error().message));
}

QTEST_GUILESS_MAIN(TestFileWriters)
#include "tst_file_writers.moc"
