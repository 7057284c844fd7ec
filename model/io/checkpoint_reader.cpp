#include "model/io/checkpoint_reader.h"

#include "model/io/stored_zip.h"
#include "model/io/torch_unpickler.h"

#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <map>

namespace avt::model {
namespace {

// The first bytes of a legacy (non-zip) torch.save file: pickle protocol 2, then LONG1 of the
// 10-byte magic number 0x1950a86a20f9469cfc6c.
constexpr uint8_t kLegacyMagic[] = {0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};

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

// The records of a torch.save archive, all under one top folder ("archive/", or the file's stem
// for older versions), as PyTorchStreamReader finds them.
class Records {
public:
    explicit Records(StoredZip &zip) : m_zip(zip)
    {
        if (zip.entries().empty())
            throw UnpickleError("empty zip archive");
        const std::string &first = zip.entries().front().name;
        const size_t slash = first.find('/');
        m_prefix = slash == std::string::npos ? std::string() : first.substr(0, slash + 1);
    }

    const StoredZip::Entry *find(const std::string &name) const { return m_zip.find(m_prefix + name); }
    bool hasFolder(const std::string &folder) const
    {
        for (const StoredZip::Entry &e : m_zip.entries())
            if (e.name.compare(0, m_prefix.size() + folder.size(), m_prefix + folder) == 0)
                return true;
        return false;
    }
    StoredZip &zip() { return m_zip; }

    std::string text(const std::string &name, uint64_t limit)
    {
        const StoredZip::Entry *e = find(name);
        if (!e)
            throw UnpickleError("record " + name + " is missing from the archive");
        return m_zip.readString(*e, limit);
    }

private:
    StoredZip &m_zip;
    std::string m_prefix;
};

class StorageCache {
public:
    explicit StorageCache(Records &records) : m_records(records) {}

    at::Tensor load(const StorageRequest &r)
    {
        auto it = m_cache.find(r.key);
        if (it != m_cache.end()) {
            if (it->second.scalar_type() != r.dtype)
                throw UnpickleError("storage " + r.key + " is used with two dtypes");
            return it->second;
        }
        const std::string record = "data/" + r.key;
        const StoredZip::Entry *e = r.key.find('/') == std::string::npos ? m_records.find(record) : nullptr;
        if (!e)
            throw UnpickleError("record " + record + " is missing from the archive");
        const uint64_t bytes = e->size;
        const size_t elem = c10::elementSize(r.dtype);
        const uint64_t need = uint64_t(r.numel) * elem;
        if (r.numel < 0 || bytes < need || bytes % elem)
            throw UnpickleError("record " + record + " has " + std::to_string(bytes) + " bytes, the tensor needs "
                                + std::to_string(need));
        // Read straight into the tensor's memory: no second copy of a large checkpoint.
        at::Tensor t = torch::empty({int64_t(bytes / elem)}, torch::TensorOptions().dtype(r.dtype));
        if (bytes)
            m_records.zip().read(*e, t.data_ptr());
        m_cache.emplace(r.key, t);
        return t;
    }

private:
    Records &m_records;
    std::map<std::string, at::Tensor> m_cache;
};

bool fail(std::string *error, const std::string &path, const std::string &why)
{
    if (error)
        *error = path + ": " + why;
    return false;
}

PickleValue readArchive(StoredZip &zip)
{
    Records records(zip);
    // TorchScript archives carry code (code/, constants.pkl) that LibTorch's loader compiles and
    // runs; they are refused before anything in them is read.
    if (records.find("constants.pkl") || records.hasFolder("code/"))
        throw UnpickleError("a TorchScript archive (torch.jit.save, or LibTorch's torch::save, which earlier AVT "
                            "Workbench builds used for checkpoints): refused, because loading it would run the "
                            "code it carries; save a state dict with torch.save instead");
    if (!records.find("data.pkl"))
        throw UnpickleError("zip archive without data.pkl");
    if (records.find("byteorder") && records.text("byteorder", 64) != "little")
        throw UnpickleError("big-endian checkpoint (byteorder record) is not supported");
    const std::string pkl = records.text("data.pkl", uint64_t(1) << 31);
    StorageCache cache(records);
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
        StoredZip zip(path);
        root = readArchive(zip);
        return true;
    } catch (const UnpickleError &e) {
        return fail(error, path, e.what());
    } catch (const ZipError &e) {
        return fail(error, path, e.what());
    } catch (const c10::Error &e) {
        return fail(error, path, firstLine(e.what_without_backtrace()));
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
