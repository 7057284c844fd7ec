#include "core/train/checkpoint.h"

#include "model/io/checkpoint_reader.h"
#include "model/io/module_state.h"
#include "model/io/torch_writer.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <type_traits>
#include <unistd.h>
#include <unordered_map>

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

namespace {

using model::PickleValue;

constexpr char kFormat[] = "avt-workbench checkpoint";
constexpr int kFormatVersion = 1;

PickleValue integer(int64_t v) { return PickleValue::makeInt(v); }
PickleValue real(double v) { return PickleValue::makeFloat(v); }
PickleValue tensorValue(const at::Tensor &t) { return PickleValue::makeTensor(t.detach()); }

// The optimiser's state keyed as LibTorch keys it: by the parameter's TensorImpl, as a string in
// 1.13 and as a pointer in 2.x.
template <class Map> auto stateKey(const Map &, const at::Tensor &p)
{
    using Key = typename Map::key_type;
    if constexpr (std::is_same_v<Key, std::string>)
        return c10::guts::to_string(p.unsafeGetTensorImpl());
    else
        return static_cast<Key>(p.unsafeGetTensorImpl());
}

// AdamW's state in the layout of PyTorch's optimizer.state_dict(): parameters numbered across
// the groups in order; per group its options and the numbers of its parameters.
PickleValue adamwState(torch::optim::AdamW &opt)
{
    PickleValue groups = PickleValue::makeSequence(PickleValue::Kind::List);
    PickleValue state = PickleValue::makeDict();
    int64_t index = 0;
    for (auto &group : opt.param_groups()) {
        const auto &o = static_cast<const torch::optim::AdamWOptions &>(group.options());
        PickleValue ids = PickleValue::makeSequence(PickleValue::Kind::List);
        for (const at::Tensor &p : group.params()) {
            ids.items->push_back(integer(index));
            auto it = opt.state().find(stateKey(opt.state(), p));
            if (it != opt.state().end()) {
                const auto &st = static_cast<const torch::optim::AdamWParamState &>(*it->second);
                std::vector<std::pair<std::string, PickleValue>> entry{{"step", integer(st.step())},
                                                                       {"exp_avg", tensorValue(st.exp_avg())},
                                                                       {"exp_avg_sq", tensorValue(st.exp_avg_sq())}};
                if (st.max_exp_avg_sq().defined())
                    entry.emplace_back("max_exp_avg_sq", tensorValue(st.max_exp_avg_sq()));
                state.pairs->emplace_back(integer(index), model::pickleDict(std::move(entry)));
            }
            ++index;
        }
        groups.items->push_back(model::pickleDict({
            {"lr", real(o.lr())},
            {"betas", PickleValue::makeSequence(PickleValue::Kind::Tuple,
                                                {real(std::get<0>(o.betas())), real(std::get<1>(o.betas()))})},
            {"eps", real(o.eps())},
            {"weight_decay", real(o.weight_decay())},
            {"amsgrad", PickleValue::makeBool(o.amsgrad())},
            {"params", ids},
        }));
    }
    return model::pickleDict({{"type", PickleValue::makeString("AdamW")}, {"state", state}, {"param_groups", groups}});
}

[[noreturn]] void bad(const std::string &why) { throw std::runtime_error(why); }

const PickleValue &need(const PickleValue &dict, const char *key, const std::string &where)
{
    const PickleValue *v = dict.find(key);
    if (!v)
        bad(where + " has no '" + key + "'");
    return *v;
}

double number(const PickleValue &v, const std::string &what)
{
    if (v.kind == PickleValue::Kind::Float)
        return v.real;
    if (v.kind == PickleValue::Kind::Int)
        return double(v.integer);
    bad(what + " is " + v.describe() + ", not a number");
}

int64_t whole(const PickleValue &v, const std::string &what)
{
    if (v.kind != PickleValue::Kind::Int)
        bad(what + " is " + v.describe() + ", not an integer");
    return v.integer;
}

at::Tensor stateTensor(const PickleValue &entry, const char *key, const at::Tensor &param, const std::string &where)
{
    const PickleValue &v = need(entry, key, where);
    if (!v.isTensor())
        bad(where + "." + key + " is " + v.describe() + ", not a tensor");
    if (v.tensor.sizes() != param.sizes())
        bad(where + "." + key + " has the shape of " + v.describe() + ", its parameter another");
    return torch::empty_like(param, at::MemoryFormat::Contiguous).copy_(v.tensor);
}

// Rebuilds AdamW's state; the groups and their sizes must be those of opt.
void loadAdamwState(torch::optim::AdamW &opt, const PickleValue &saved)
{
    const PickleValue &type = need(saved, "type", "optimizer");
    if (!type.isString() || type.text != "AdamW")
        bad("the optimiser state is of " + type.describe() + ", this run uses AdamW");
    const PickleValue &groups = need(saved, "param_groups", "optimizer");
    const PickleValue &state = need(saved, "state", "optimizer");
    if (groups.kind != PickleValue::Kind::List || !state.isDict())
        bad("malformed optimiser state");
    if (groups.items->size() != opt.param_groups().size())
        bad("the optimiser state has " + std::to_string(groups.items->size()) + " parameter groups, this run "
            + std::to_string(opt.param_groups().size()));
    std::unordered_map<int64_t, const PickleValue *> entries;
    for (const auto &[k, v] : state.dict())
        if (k.kind == PickleValue::Kind::Int && v.isDict())
            entries[k.integer] = &v;
    std::remove_reference_t<decltype(opt.state())> restored;
    std::vector<std::unique_ptr<torch::optim::AdamWOptions>> options;
    int64_t index = 0;
    for (size_t g = 0; g < groups.items->size(); ++g) {
        const PickleValue &group = (*groups.items)[g];
        const std::string where = "optimizer group " + std::to_string(g);
        if (!group.isDict())
            bad(where + " is " + group.describe());
        auto &params = opt.param_groups()[g].params();
        const PickleValue &ids = need(group, "params", where);
        if (ids.kind != PickleValue::Kind::List || ids.items->size() != params.size())
            bad(where + " has " + std::to_string(ids.items ? ids.items->size() : 0) + " parameters, this run "
                + std::to_string(params.size()));
        const PickleValue &betas = need(group, "betas", where);
        if (betas.kind != PickleValue::Kind::Tuple || betas.items->size() != 2)
            bad(where + ".betas is " + betas.describe());
        const PickleValue &amsgrad = need(group, "amsgrad", where);
        auto o = std::make_unique<torch::optim::AdamWOptions>(number(need(group, "lr", where), where + ".lr"));
        o->betas({number((*betas.items)[0], where + ".betas"), number((*betas.items)[1], where + ".betas")})
            .eps(number(need(group, "eps", where), where + ".eps"))
            .weight_decay(number(need(group, "weight_decay", where), where + ".weight_decay"))
            .amsgrad(amsgrad.kind == PickleValue::Kind::Bool && amsgrad.boolean);
        options.push_back(std::move(o));
        for (const at::Tensor &p : params) {
            const auto it = entries.find(index);
            const std::string at = "optimizer state " + std::to_string(index);
            ++index;
            if (it == entries.end())
                continue;
            const PickleValue &e = *it->second;
            auto st = std::make_unique<torch::optim::AdamWParamState>();
            st->step(whole(need(e, "step", at), at + ".step"));
            st->exp_avg(stateTensor(e, "exp_avg", p, at));
            st->exp_avg_sq(stateTensor(e, "exp_avg_sq", p, at));
            if (e.find("max_exp_avg_sq"))
                st->max_exp_avg_sq(stateTensor(e, "max_exp_avg_sq", p, at));
            restored[stateKey(restored, p)] = std::move(st);
        }
    }
    // Everything checked: only now is the optimiser changed.
    opt.state() = std::move(restored);
    for (size_t g = 0; g < options.size(); ++g)
        static_cast<torch::optim::AdamWOptions &>(opt.param_groups()[g].options()) = *options[g];
}

QString firstLine(const std::exception &e) { return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0); }

} // namespace

Status saveCheckpoint(const QString &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer,
                      const TrainerState &state)
{
    const QString tmp = path + QStringLiteral(".tmp");
    try {
        std::vector<std::pair<std::string, PickleValue>> trainer{
            {"step", integer(state.step)},
            {"epoch", integer(state.epoch)},
            {"next_batch", integer(state.nextBatch)},
            {"best_metric", real(state.bestMetric)},
        };
        if (state.rngState.defined())
            trainer.emplace_back("rng", tensorValue(state.rngState));
        if (state.temperature.defined())
            trainer.emplace_back("temperature", tensorValue(state.temperature));
        std::vector<std::pair<std::string, PickleValue>> root{
            {"format", PickleValue::makeString(kFormat)},
            {"format_version", integer(kFormatVersion)},
            {"model", model::moduleState(model)},
            {"trainer", model::pickleDict(std::move(trainer))},
        };
        if (optimizer) {
            auto *adamw = dynamic_cast<torch::optim::AdamW *>(optimizer);
            if (!adamw)
                throw std::runtime_error("only AdamW optimiser state can be saved");
            root.emplace_back("optimizer", adamwState(*adamw));
        }
        model::writeTorchSave(QFile::encodeName(tmp).toStdString(), model::pickleDict(std::move(root)));
    } catch (const std::exception &e) {
        QFile::remove(tmp);
        return makeError(QStringLiteral("io"),
                         QStringLiteral("cannot write checkpoint %1: %2").arg(path, firstLine(e)));
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
    model::Checkpoint ckpt;
    std::string error;
    if (!model::readCheckpoint(QFile::encodeName(path).toStdString(), ckpt, &error))
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("cannot load checkpoint %1").arg(QString::fromStdString(error)));
    TrainerState state;
    try {
        const PickleValue *format = ckpt.root.find("format");
        if (!format || !format->isString() || format->text != kFormat)
            bad("not a training checkpoint of AVT Workbench (no format record)");
        if (whole(need(ckpt.root, "format_version", "checkpoint"), "format_version") > kFormatVersion)
            bad("written by a newer AVT Workbench (format version "
                + std::to_string(ckpt.root.find("format_version")->integer) + ")");
        const PickleValue &trainer = need(ckpt.root, "trainer", "checkpoint");
        state.step = whole(need(trainer, "step", "trainer"), "trainer.step");
        state.epoch = int(whole(need(trainer, "epoch", "trainer"), "trainer.epoch"));
        state.nextBatch = int(whole(need(trainer, "next_batch", "trainer"), "trainer.next_batch"));
        state.bestMetric = number(need(trainer, "best_metric", "trainer"), "trainer.best_metric");
        if (state.step < 0 || state.epoch < 0 || state.nextBatch < 0)
            bad("negative training position");
        for (const char *key : {"rng", "temperature"})
            if (const PickleValue *t = trainer.find(key); t && !t->isTensor())
                bad(std::string("trainer.") + key + " is " + t->describe());
        if (const PickleValue *rng = trainer.find("rng")) {
            if (rng->tensor.scalar_type() != torch::kByte || rng->tensor.dim() != 1)
                bad("trainer.rng is " + rng->describe() + ", not a generator state");
            state.rngState = rng->tensor.contiguous();
        }
        if (const PickleValue *t = trainer.find("temperature")) {
            if (t->tensor.numel() != 1 || !t->tensor.is_floating_point())
                bad("trainer.temperature is " + t->describe() + ", not a number");
            state.temperature = t->tensor.reshape({});
        }
        if (ckpt.wrapper != "model")
            bad("no model state dict");
        model::loadModuleState(model, ckpt.tensors, /*strict=*/true); // what readCheckpoint found under "model"
        if (optimizer) {
            auto *adamw = dynamic_cast<torch::optim::AdamW *>(optimizer);
            if (!adamw)
                bad("only AdamW optimiser state can be loaded");
            if (const PickleValue *saved = ckpt.root.find("optimizer"))
                loadAdamwState(*adamw, *saved);
        }
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("corrupt"),
                         QStringLiteral("cannot load checkpoint %1: %2").arg(path, firstLine(e)));
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
