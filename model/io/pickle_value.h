#pragma once
// PickleValue: the value tree a restricted unpickler builds from a torch.save `data.pkl`.
//
// Python objects map onto a small closed set of kinds. Nothing is ever executed: classes and
// functions the reader does not interpret (argparse.Namespace, NumPy scalars, ...) become
// Opaque values that keep their qualified name and the arguments / state they were given, so
// callers can report them but never run them.
//
//   const PickleValue *sd = root.find("model_state");   // dict lookup by string key
//   if (sd && sd->isDict()) for (auto &[k, v] : sd->dict()) ...
//
// Lists, dicts and tuples share their items through shared_ptr, as Python objects share by
// reference (the pickle memo can hand out the same list twice). Thread-safety: none; a tree is
// built and read on one thread.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace avt::model {

struct PickleValue {
    enum class Kind {
        None,
        Bool,
        Int,    // fits int64
        BigInt, // did not fit int64; `text` holds the little-endian two's complement bytes
        Float,
        String, // str (UTF-8)
        Bytes,
        Tuple,
        List,    // list, set, frozenset
        Dict,    // dict, collections.OrderedDict (insertion order kept)
        Tensor,  // rebuilt by torch._utils._rebuild_tensor_v2 / _rebuild_parameter
        Storage, // a persistent-loaded storage (1-D tensor of its dtype)
        Global,  // a class or function reference, by qualified name ("module.name")
        Opaque,  // an object of a class we do not interpret; never executed
    };
    using Items = std::vector<PickleValue>;
    using Pairs = std::vector<std::pair<PickleValue, PickleValue>>;

    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0.0;
    std::string text;             // String, Bytes, BigInt bytes, Global / Opaque name
    std::shared_ptr<Items> items; // Tuple, List; Opaque: constructor args then state
    std::shared_ptr<Pairs> pairs; // Dict
    at::Tensor tensor;            // Tensor, Storage

    static PickleValue none() { return {}; }
    static PickleValue makeBool(bool b);
    static PickleValue makeInt(int64_t i);
    static PickleValue makeFloat(double d);
    static PickleValue makeString(std::string s, Kind k = Kind::String);
    static PickleValue makeSequence(Kind k, Items items = {});
    static PickleValue makeDict();
    static PickleValue makeTensor(at::Tensor t, Kind k = Kind::Tensor);
    static PickleValue makeGlobal(std::string qualifiedName, Kind k = Kind::Global);

    bool isDict() const { return kind == Kind::Dict && pairs; }
    bool isTensor() const { return kind == Kind::Tensor && tensor.defined(); }
    bool isString() const { return kind == Kind::String; }
    const Pairs &dict() const { return *pairs; }
    // Dict lookup by string key; nullptr when this is not a dict or the key is absent.
    const PickleValue *find(const std::string &key) const;

    // Short description for messages: "dict(3)", "tensor float[2, 3]", "argparse.Namespace".
    std::string describe() const;
};

} // namespace avt::model
