#include "model/io/checkpoint_reader.h"

#include "model/io/torch_unpickler.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <map>

namespace avt::model {
namespace {

// The first bytes of a legacy (non-zip) torch.save file: pickle protocol 2, then LONG1 of the
// 10-byte magic number 0x1950a86a20f9469cfc6c.
constexpr uint8_t kLegacyMagic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c,
                                    0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};

// c10::Error messages carry a C++ backtrace; keep the first line.
std::string firstLine(const char *what)
{
    std::string s = what ? what : "";
    const size_t nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}

// Checks the file's signature; returns an empty string for a zip archive, else the cause.
std::string sniffFormat(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot open the file";
    uint8_t head[sizeof kLegacyMagic] = {};
    in.read(reinterpret_cast<char *>(head), sizeof head);
    const std::streamsize n = in.gcount();
    if (n == 0)
        return "empty file";
    if (n >= 4 && std::memcmp(head, "PK\x03\x04", 4) == 0)
        return {};
    if (n == std::streamsize(sizeof head) && std::memcmp(head, kLegacyMagic, sizeof head) == 0)
        return "legacy (pre-1.6, non-zip) torch.save format; re-save it with PyTorch >= 1.6: "
               "torch.save(torch.load(f), f)";
    if (head[0] == 0x80)
        return "a plain pickle stream, not a torch.save zip archive";
    return "not a torch.save checkpoint (no zip signature)";
}

class StorageCache {
public:
    explicit StorageCache(caffe2::serialize::PyTorchStreamReader &reader) : m_reader(reader) {}

    at::Tensor load(const StorageRequest &r)
    {
        auto it = m_cache.find(r.key);
        if (it != m_cache.end()) {
            if (it->second.scalar_type() != r.dtype)
                throw UnpickleError("storage " + r.key + " is used with two dtypes");
            return it->second;
        }
        const std::string record = "data/" + r.key;
        if (r.key.find('/') != std::string::npos || !m_reader.hasRecord(record))
            throw UnpickleError("record " + record + " is missing from the archive");
        at::DataPtr data;
        size_t bytes = 0;
        std::tie(data, bytes) = m_reader.getRecord(record);
        const size_t elem = c10::elementSize(r.dtype);
        const size_t need = size_t(r.numel) * elem;
        if (bytes < need || bytes % elem)
            throw UnpickleError("record " + record + " has " + std::to_string(bytes)
                                + " bytes, the tensor needs " + std::to_string(need));
        at::Tensor t = torch::empty({int64_t(bytes / elem)}, torch::TensorOptions().dtype(r.dtype));
        if (bytes)
            std::memcpy(t.data_ptr(), data.get(), bytes);
        m_cache.emplace(r.key, t);
        return t;
    }

private:
    caffe2::serialize::PyTorchStreamReader &m_reader;
    std::map<std::string, at::Tensor> m_cache;
};

bool fail(std::string *error, const std::string &path, const std::string &why)
{
    if (error)
        *error = path + ": " + why;
    return false;
}

std::string readSmallRecord(caffe2::serialize::PyTorchStreamReader &reader, const std::string &name)
{
    at::DataPtr data;
    size_t bytes = 0;
    std::tie(data, bytes) = reader.getRecord(name);
    return std::string(static_cast<const char *>(data.get()), bytes);
}

PickleValue readArchive(caffe2::serialize::PyTorchStreamReader &reader)
{
    if (!reader.hasRecord("data.pkl")) {
        if (reader.hasRecord("constants.pkl") || reader.hasRecord("code/__torch__.py"))
            throw UnpickleError("a TorchScript archive (torch.jit.save / torch::save), "
                                "not a torch.save checkpoint");
        throw UnpickleError("zip archive without data.pkl");
    }
    if (reader.hasRecord("byteorder") && readSmallRecord(reader, "byteorder") != "little")
        throw UnpickleError("big-endian checkpoint (byteorder record) is not supported");
    const std::string pkl = readSmallRecord(reader, "data.pkl");
    StorageCache cache(reader);
    return unpickleTorch(reinterpret_cast<const uint8_t *>(pkl.data()), pkl.size(),
                         [&](const StorageRequest &r) { return cache.load(r); });
}

void collectTensors(const PickleValue &dict, const std::string &prefix, int depth, Checkpoint &out)
{
    for (const auto &[key, value] : dict.dict()) {
        const std::string name = prefix + (key.isString() ? key.text : key.describe());
        if (value.isTensor())
            out.tensors.emplace_back(name, value.tensor);
        else if (value.isDict() && depth < 8)
            collectTensors(value, name + ".", depth + 1, out);
        else
            out.ignored.push_back(name + ": " + value.describe());
    }
}

} // namespace

at::Tensor Checkpoint::get(const std::string &name) const
{
    for (const auto &[n, t] : tensors)
        if (n == name)
            return t;
    return {};
}

bool readPickleTree(const std::string &path, PickleValue &root, std::string *error)
{
    const std::string format = sniffFormat(path);
    if (!format.empty())
        return fail(error, path, format);
    try {
        caffe2::serialize::PyTorchStreamReader reader(path);
        root = readArchive(reader);
        return true;
    } catch (const UnpickleError &e) {
        return fail(error, path, e.what());
    } catch (const c10::Error &e) {
        return fail(error, path, "corrupt or truncated zip archive: " + firstLine(e.what_without_backtrace()));
    } catch (const std::exception &e) {
        return fail(error, path, std::string("cannot read: ") + firstLine(e.what()));
    }
}

void extractStateDict(const PickleValue &root, Checkpoint &out)
{
    out.tensors.clear();
    out.ignored.clear();
    out.wrapper.clear();
    const PickleValue *dict = &root;
    for (bool descended = true; descended && dict->isDict();) {
        descended = false;
        for (const char *key : {"model_state", "state_dict", "model"}) {
            const PickleValue *inner = dict->find(key);
            if (inner && inner->isDict()) {
                out.wrapper += (out.wrapper.empty() ? "" : ".") + std::string(key);
                dict = inner;
                descended = true;
                break;
            }
        }
    }
    if (dict->isDict())
        collectTensors(*dict, "", 0, out);
    else
        out.ignored.push_back("(root): " + dict->describe());
}

bool readCheckpoint(const std::string &path, Checkpoint &out, std::string *error)
{
    out = Checkpoint{};
    out.path = path;
    if (!readPickleTree(path, out.root, error))
        return false;
    extractStateDict(out.root, out);
    if (out.tensors.empty())
        return fail(error, path, "no tensors found (top level is " + out.root.describe() + ")");
    return true;
}

} // namespace avt::model
