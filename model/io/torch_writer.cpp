#include "model/io/torch_writer.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cstring>
#include <stdexcept>

namespace avt::model {
namespace {

using Kind = PickleValue::Kind;

const char *storageName(c10::ScalarType t)
{
    switch (t) {
    case c10::ScalarType::Float: return "FloatStorage";
    case c10::ScalarType::Double: return "DoubleStorage";
    case c10::ScalarType::Half: return "HalfStorage";
    case c10::ScalarType::BFloat16: return "BFloat16Storage";
    case c10::ScalarType::Long: return "LongStorage";
    case c10::ScalarType::Int: return "IntStorage";
    case c10::ScalarType::Short: return "ShortStorage";
    case c10::ScalarType::Char: return "CharStorage";
    case c10::ScalarType::Byte: return "ByteStorage";
    case c10::ScalarType::Bool: return "BoolStorage";
    default: return nullptr;
    }
}

class Pickler {
public:
    explicit Pickler(std::vector<at::Tensor> *storages) : m_storages(storages) {}

    std::string run(const PickleValue &root)
    {
        op(0x80);
        op(2); // protocol 2, as torch.save writes
        value(root, 0);
        op('.');
        return std::move(m_out);
    }

private:
    void op(uint8_t b) { m_out.push_back(char(b)); }
    void le(uint64_t v, int n)
    {
        for (int i = 0; i < n; ++i)
            op(uint8_t(v >> (8 * i)));
    }
    void global(const char *module, const char *name)
    {
        op('c');
        m_out += module;
        op('\n');
        m_out += name;
        op('\n');
    }
    void string(const std::string &s)
    {
        if (s.size() > 0xffffffffu)
            throw std::runtime_error("a string of more than 4 GiB");
        op('X');
        le(s.size(), 4);
        m_out += s;
    }
    void integer(int64_t v)
    {
        if (v >= 0 && v < 256) {
            op('K');
            le(uint64_t(v), 1);
        } else if (v >= 0 && v < 65536) {
            op('M');
            le(uint64_t(v), 2);
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            op('J');
            le(uint64_t(uint32_t(int32_t(v))), 4);
        } else { // LONG1 with 8 bytes of two's complement
            op(0x8a);
            op(8);
            le(uint64_t(v), 8);
        }
    }
    void real(double d)
    {
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        op('G');
        for (int i = 7; i >= 0; --i)
            op(uint8_t(bits >> (8 * i)));
    }
    void intTuple(c10::IntArrayRef xs)
    {
        op('(');
        for (int64_t x : xs)
            integer(x);
        op('t');
    }
    void tensor(const at::Tensor &t)
    {
        if (!t.defined())
            throw std::runtime_error("an undefined tensor");
        const char *storage = storageName(t.scalar_type());
        if (!storage)
            throw std::runtime_error(std::string("tensors of dtype ") + c10::toString(t.scalar_type())
                                     + " cannot be saved");
        at::Tensor data = t.detach().to(torch::kCPU).contiguous();
        const std::string key = std::to_string(m_storages->size());
        m_storages->push_back(data);
        // _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks)
        global("torch._utils", "_rebuild_tensor_v2");
        op('(');
        op('(');
        string("storage");
        global("torch", storage);
        string(key);
        string("cpu");
        integer(data.numel());
        op('t');
        op('Q'); // BINPERSID
        integer(0);
        intTuple(data.sizes());
        intTuple(data.strides());
        op(0x89); // requires_grad False
        global("collections", "OrderedDict");
        op(')');
        op('R');
        op('t');
        op('R');
    }
    void value(const PickleValue &v, int depth)
    {
        if (depth > 64)
            throw std::runtime_error("values nested more than 64 deep");
        switch (v.kind) {
        case Kind::None: op('N'); return;
        case Kind::Bool: op(v.boolean ? 0x88 : 0x89); return;
        case Kind::Int: integer(v.integer); return;
        case Kind::Float: real(v.real); return;
        case Kind::String: string(v.text); return;
        case Kind::Tensor: tensor(v.tensor); return;
        case Kind::Tuple:
        case Kind::List:
            op(v.kind == Kind::Tuple ? '(' : ']');
            if (v.kind == Kind::List)
                op('(');
            if (v.items)
                for (const PickleValue &x : *v.items)
                    value(x, depth + 1);
            op(v.kind == Kind::Tuple ? 't' : 'e');
            return;
        case Kind::Dict:
            op('}');
            op('(');
            if (v.pairs)
                for (const auto &[k, x] : *v.pairs) {
                    if (k.kind != Kind::String && k.kind != Kind::Int)
                        throw std::runtime_error("a dict key that is " + k.describe());
                    value(k, depth + 1);
                    value(x, depth + 1);
                }
            op('u');
            return;
        default: throw std::runtime_error("a value that cannot be saved: " + v.describe());
        }
    }

    std::vector<at::Tensor> *m_storages;
    std::string m_out;
};

} // namespace

std::string pickleTorch(const PickleValue &root, std::vector<at::Tensor> *storages)
{
    return Pickler(storages).run(root);
}

void writeTorchArchive(const std::string &path, const std::string &pkl, const std::vector<at::Tensor> &storages)
{
    try {
        caffe2::serialize::PyTorchStreamWriter writer(path);
        writer.writeRecord("data.pkl", pkl.data(), pkl.size());
        for (size_t i = 0; i < storages.size(); ++i) {
            const at::Tensor data = storages[i].contiguous();
            writer.writeRecord("data/" + std::to_string(i), data.data_ptr(), data.nbytes());
        }
        writer.writeEndOfFile();
    } catch (const c10::Error &e) {
        std::string what = e.what_without_backtrace();
        throw std::runtime_error(path + ": " + what.substr(0, what.find('\n')));
    }
}

void writeTorchSave(const std::string &path, const PickleValue &root)
{
    std::vector<at::Tensor> storages;
    const std::string pkl = pickleTorch(root, &storages);
    writeTorchArchive(path, pkl, storages);
}

PickleValue pickleDict(std::vector<std::pair<std::string, PickleValue>> items)
{
    PickleValue d = PickleValue::makeDict();
    for (auto &[k, v] : items)
        d.pairs->emplace_back(PickleValue::makeString(k), std::move(v));
    return d;
}

} // namespace avt::model
