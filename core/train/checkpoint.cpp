#include "core/train/checkpoint.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace avt::train {

namespace {

bool fsyncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

qint64 stepOf(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^step-(\\d+)\\.pt$"));
    const auto m = re.match(name);
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

} // namespace

Status saveCheckpoint(const QString &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer,
                      const TrainerState &state)
{
    const QString tmp = path + QStringLiteral(".tmp");
    try {
        torch::serialize::OutputArchive archive;
        torch::serialize::OutputArchive modelArchive, optimArchive;
        model.save(modelArchive);
        archive.write("model", modelArchive);
        if (optimizer) {
            optimizer->save(optimArchive);
            archive.write("optimizer", optimArchive);
        }
        archive.write("state.step", torch::tensor(int64_t(state.step)));
        archive.write("state.epoch", torch::tensor(int64_t(state.epoch)));
        archive.write("state.next_batch", torch::tensor(int64_t(state.nextBatch)));
        archive.write("state.best_metric", torch::tensor(state.bestMetric, torch::kFloat64));
        if (state.rngState.defined())
            archive.write("state.rng", state.rngState);
        if (state.temperature.defined())
            archive.write("state.temperature", state.temperature.detach().cpu());
        archive.save_to(tmp.toStdString());
    } catch (const std::exception &e) {
        QFile::remove(tmp);
        return makeError(QStringLiteral("io"),
                         QStringLiteral("cannot write checkpoint %1: %2")
                             .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    if (!fsyncPath(tmp, false)
        || std::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(tmp);
        return makeError(QStringLiteral("io"), QStringLiteral("cannot move checkpoint into place at %1").arg(path));
    }
    fsyncPath(QFileInfo(path).absolutePath(), true);
    return Ok{};
}

Result<TrainerState> loadCheckpoint(const QString &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer)
{
    if (!QFileInfo::exists(path))
        return makeError(QStringLiteral("missing"), QStringLiteral("checkpoint %1 does not exist").arg(path));
    TrainerState state;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path.toStdString());
        torch::serialize::InputArchive modelArchive;
        archive.read("model", modelArchive);
        model.load(modelArchive);
        if (optimizer) {
            torch::serialize::InputArchive optimArchive;
            if (archive.try_read("optimizer", optimArchive))
                optimizer->load(optimArchive);
        }
        // A fresh tensor per read: try_read into a defined tensor re-points its storage.
        auto read = [&archive](const char *key) {
            torch::Tensor t;
            archive.try_read(key, t);
            return t;
        };
        if (auto t = read("state.step"); t.defined())
            state.step = t.item<int64_t>();
        if (auto t = read("state.epoch"); t.defined())
            state.epoch = int(t.item<int64_t>());
        if (auto t = read("state.next_batch"); t.defined())
            state.nextBatch = int(t.item<int64_t>());
        if (auto t = read("state.best_metric"); t.defined())
            state.bestMetric = t.item<double>();
        state.rngState = read("state.rng");
        state.temperature = read("state.temperature");
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("cannot load checkpoint %1: %2")
                             .arg(path, QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
    return state;
}

QStringList listCheckpoints(const QString &folder)
{
    QStringList names = QDir(folder).entryList({QStringLiteral("step-*.pt")}, QDir::Files);
    names.erase(std::remove_if(names.begin(), names.end(), [](const QString &n) { return stepOf(n) < 0; }),
                names.end());
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return stepOf(a) > stepOf(b); });
    for (QString &n : names)
        n = QDir(folder).filePath(n);
    return names;
}

void pruneCheckpoints(const QString &folder, int keepLast)
{
    const QStringList all = listCheckpoints(folder);
    for (int i = keepLast; i < all.size(); ++i)
        QFile::remove(all[i]);
}

} // namespace avt::train
