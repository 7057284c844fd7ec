#include "model/io/torch_unpickler.h"

#include <torch/torch.h>

#include <array>
#include <cstring>
#include <unordered_map>

// Pickle is a small stack machine: opcodes push values, MARK remembers a stack height,
// container opcodes pop back to it, the memo caches values by index, and REDUCE / NEWOBJ /
// BUILD would call Python code. This reader plays the machine with our own value tree and
// replaces every call by a fixed interpretation (or an opaque record), so a file can at most
// describe data, never run anything.

namespace avt::model {

// ---- PickleValue ----------------------------------------------------------------------------

PickleValue PickleValue::makeBool(bool b)
{
    PickleValue v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
}
PickleValue PickleValue::makeInt(int64_t i)
{
    PickleValue v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
}
PickleValue PickleValue::makeFloat(double d)
{
    PickleValue v;
    v.kind = Kind::Float;
    v.real = d;
    return v;
}

PickleValue PickleValue::makeString(std::string s, Kind k)
{
    PickleValue v;
    v.kind = k;
    v.text = std::move(s);
    return v;
}

PickleValue PickleValue::makeSequence(Kind k, Items items)
{
    PickleValue v;
    v.kind = k;
    v.items = std::make_shared<Items>(std::move(items));
    return v;
}

PickleValue PickleValue::makeDict()
{
    PickleValue v;
    v.kind = Kind::Dict;
    v.pairs = std::make_shared<Pairs>();
    return v;
}

PickleValue PickleValue::makeTensor(at::Tensor t, Kind k)
{
    PickleValue v;
    v.kind = k;
    v.tensor = std::move(t);
    return v;
}

PickleValue PickleValue::makeGlobal(std::string qualifiedName, Kind k)
{
    PickleValue v = makeString(std::move(qualifiedName), k);
    if (k == Kind::Opaque)
        v.items = std::make_shared<Items>();
    return v;
}

const PickleValue *PickleValue::find(const std::string &key) const
{
    if (!isDict())
        return nullptr;
    for (const auto &[k, v] : *pairs)
        if (k.kind == Kind::String && k.text == key)
            return &v;
    return nullptr;
}

std::string PickleValue::describe() const
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Bool: return boolean ? "True" : "False";
    case Kind::Int: return std::to_string(integer);
    case Kind::BigInt: return "int(" + std::to_string(text.size()) + " bytes)";
    case Kind::Float: return std::to_string(real);
    case Kind::String: return "str '" + text.substr(0, 40) + "'";
    case Kind::Bytes: return "bytes(" + std::to_string(text.size()) + ")";
    case Kind::Tuple: return "tuple(" + std::to_string(items ? items->size() : 0) + ")";
    case Kind::List: return "list(" + std::to_string(items ? items->size() : 0) + ")";
    case Kind::Dict: return "dict(" + std::to_string(pairs ? pairs->size() : 0) + ")";
    case Kind::Tensor:
    case Kind::Storage: {
        std::string s = kind == Kind::Tensor ? "tensor " : "storage ";
        if (!tensor.defined())
            return s + "(undefined)";
        s += c10::toString(tensor.scalar_type());
        s += "[";
        for (int64_t d = 0; d < tensor.dim(); ++d)
            s += (d ? ", " : "") + std::to_string(tensor.size(d));
        return s + "]";
    }
    case Kind::Global: return "global " + text;
    case Kind::Opaque: return "object " + text;
    }
    return "?";
}

// ---- global policy --------------------------------------------------------------------------

namespace {

struct StorageType {
    const char *name;
    c10::ScalarType dtype;
};

constexpr std::array<StorageType, 10> kStorageTypes{{
    {"FloatStorage", c10::ScalarType::Float},
    {"DoubleStorage", c10::ScalarType::Double},
    {"HalfStorage", c10::ScalarType::Half},
    {"BFloat16Storage", c10::ScalarType::BFloat16},
    {"LongStorage", c10::ScalarType::Long},
    {"IntStorage", c10::ScalarType::Int},
    {"ShortStorage", c10::ScalarType::Short},
    {"CharStorage", c10::ScalarType::Char},
    {"ByteStorage", c10::ScalarType::Byte},
    {"BoolStorage", c10::ScalarType::Bool},
}};

constexpr std::array<const char *, 14> kTorchDtypes{{"float32", "float", "float64", "double", "float16", "half",
                                                     "bfloat16", "int64", "long", "int32", "int", "int16", "int8",
                                                     "uint8"}};

constexpr std::array<const char *, 4> kRebuilders{
    {"_rebuild_tensor_v2", "_rebuild_tensor", "_rebuild_parameter", "_rebuild_parameter_with_state"}};

// Modules whose globals can only mean "run code"; refused outright rather than kept opaque so
// that such a file is reported instead of half-read.
constexpr std::array<const char *, 20> kDeniedModules{
    {"os",      "posix",   "nt",   "subprocess", "sys", "shutil", "socket",     "importlib",       "pickle",
     "marshal", "runpy",   "code", "codeop",     "pty", "ctypes", "webbrowser", "multiprocessing", "types",
     "io",      "__main__"}};

bool startsWith(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

template <size_t N> bool contains(const std::array<const char *, N> &list, const std::string &s)
{
    for (const char *x : list)
        if (s == x)
            return true;
    return false;
}

const StorageType *storageType(const std::string &qualified)
{
    for (const StorageType &t : kStorageTypes)
        if (qualified == std::string("torch.") + t.name)
            return &t;
    return nullptr;
}

} // namespace

GlobalPolicy globalPolicy(const std::string &module, const std::string &name)
{
    if (module == "collections" && name == "OrderedDict")
        return GlobalPolicy::Interpreted;
    if (module == "builtins" || module == "__builtin__") {
        if (name == "set" || name == "frozenset" || name == "bytearray")
            return GlobalPolicy::Interpreted;
        if (name == "slice" || name == "complex" || name == "object")
            return GlobalPolicy::Opaque;
        return GlobalPolicy::Disallowed;
    }
    if (module == "torch._utils")
        return contains(kRebuilders, name) ? GlobalPolicy::Interpreted : GlobalPolicy::Disallowed;
    if (module == "torch") {
        if (storageType("torch." + name) || contains(kTorchDtypes, name) || name == "Size")
            return GlobalPolicy::Interpreted;
        if (name == "device")
            return GlobalPolicy::Opaque;
        return GlobalPolicy::Disallowed;
    }
    if (module == "torch" || startsWith(module, "torch.") || startsWith(module, "__torch__"))
        return GlobalPolicy::Disallowed;
    for (const char *denied : kDeniedModules)
        if (module == denied || startsWith(module, (std::string(denied) + ".").c_str()))
            return GlobalPolicy::Disallowed;
    return GlobalPolicy::Opaque;
}

// ---- the machine ----------------------------------------------------------------------------

namespace {

using Kind = PickleValue::Kind;

// Bounds on the work a file can ask for (see the header): values made (memo copies included),
// nesting depth, nodes of the value tree counted as a walk sees them (shared containers counted
// at every place they appear) and string bytes copied out of the memo.
constexpr uint64_t kMaxValues = uint64_t(1) << 20;
constexpr int kMaxDepth = 64;
constexpr uint64_t kMaxTreeNodes = uint64_t(1) << 22;
constexpr uint64_t kMaxCopiedBytes = uint64_t(64) << 20;

class Unpickler {
public:
    Unpickler(const uint8_t *data, size_t size, const StorageLoader &loader)
        : m_data(data), m_size(size), m_loader(loader)
    {}

    PickleValue run();

private:
    [[noreturn]] void fail(const std::string &why) const
    {
        throw UnpickleError("data.pkl byte " + std::to_string(m_opPos) + ": " + why);
    }
    const uint8_t *take(size_t n)
    {
        if (n > m_size - m_pos)
            fail("truncated (needs " + std::to_string(n) + " more bytes, " + std::to_string(m_size - m_pos) + " left)");
        const uint8_t *p = m_data + m_pos;
        m_pos += n;
        return p;
    }
    uint64_t readLE(size_t n)
    {
        const uint8_t *p = take(n);
        uint64_t v = 0;
        for (size_t i = 0; i < n; ++i)
            v |= uint64_t(p[i]) << (8 * i);
        return v;
    }
    std::string readBytes(uint64_t n)
    {
        if (n > m_size - m_pos)
            fail("truncated string of " + std::to_string(n) + " bytes");
        const uint8_t *p = take(size_t(n));
        return std::string(reinterpret_cast<const char *>(p), size_t(n));
    }
    std::string readLine()
    {
        const void *nl = std::memchr(m_data + m_pos, '\n', m_size - m_pos);
        if (!nl)
            fail("unterminated text line");
        const size_t n = static_cast<const uint8_t *>(nl) - (m_data + m_pos);
        std::string s = readBytes(n);
        take(1);
        return s;
    }

    // Every value goes on the stack through here: counted against kMaxValues.
    void push(PickleValue v)
    {
        if (++m_values > kMaxValues)
            fail("more than " + std::to_string(kMaxValues) + " values; refused as a resource exhaustion attempt");
        m_stack.push_back(std::move(v));
    }

    // The bookkeeping of one container (keyed by its shared item storage).
    struct Shape {
        int depth = 1;       // 1 for a container of scalars
        uint64_t nodes = 1;  // itself plus its items, shared ones counted again
        bool placed = false; // inside another container: frozen from then on
    };
    static const void *identity(const PickleValue &v)
    {
        return v.pairs ? static_cast<const void *>(v.pairs.get()) : static_cast<const void *>(v.items.get());
    }
    Shape &shapeOf(const PickleValue &container) { return m_shapes[identity(container)]; }
    // A container about to receive items must not be inside another one yet: a pickle fills a
    // container before it uses it, except when building a self-referencing (cyclic) structure.
    void mustBeOpen(const PickleValue &target)
    {
        if (identity(target) && shapeOf(target).placed)
            fail("a container is changed after it was placed in another one (a self-referencing structure)");
    }
    // Accounts for `child` becoming an item of `parent`.
    void adopt(const PickleValue &parent, const PickleValue &child)
    {
        const void *p = identity(parent), *c = identity(child);
        if (!p)
            return;
        int depth = 0;
        uint64_t nodes = 1;
        if (c) {
            if (c == p)
                fail("a container that contains itself");
            Shape &cs = shapeOf(child);
            cs.placed = true;
            depth = cs.depth;
            nodes = cs.nodes;
        }
        Shape &ps = shapeOf(parent);
        ps.depth = std::max(ps.depth, depth + 1);
        ps.nodes += nodes;
        if (ps.depth > kMaxDepth)
            fail("containers nested more than " + std::to_string(kMaxDepth) + " deep");
        if (ps.nodes > kMaxTreeNodes)
            fail("a value tree of more than " + std::to_string(kMaxTreeNodes)
                 + " items (shared containers counted where they appear)");
    }
    // A new container may reuse the address of one that is gone: its bookkeeping starts over.
    void fresh(const PickleValue &v)
    {
        m_shapes[identity(v)] = Shape{};
        m_keys.erase(identity(v));
    }
    PickleValue container(Kind kind, std::vector<PickleValue> items)
    {
        PickleValue v = PickleValue::makeSequence(kind);
        fresh(v);
        for (const PickleValue &x : items)
            adopt(v, x);
        *v.items = std::move(items);
        return v;
    }
    PickleValue emptyDict()
    {
        PickleValue v = PickleValue::makeDict();
        fresh(v);
        return v;
    }
    PickleValue opaque(const std::string &name)
    {
        PickleValue v = PickleValue::makeGlobal(name, Kind::Opaque);
        fresh(v);
        return v;
    }

    PickleValue pop()
    {
        if (m_stack.size() <= floor())
            fail("stack underflow");
        PickleValue v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }
    PickleValue &top()
    {
        if (m_stack.size() <= floor())
            fail("stack underflow");
        return m_stack.back();
    }
    size_t floor() const { return m_marks.empty() ? 0 : m_marks.back(); }
    std::vector<PickleValue> popToMark()
    {
        if (m_marks.empty())
            fail("no MARK on the stack");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PickleValue> out(std::make_move_iterator(m_stack.begin() + mark),
                                     std::make_move_iterator(m_stack.end()));
        m_stack.resize(mark);
        return out;
    }
    void memoPut(uint64_t index) { m_memo[index] = top(); }
    void memoGet(uint64_t index)
    {
        auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo index " + std::to_string(index) + " was never stored");
        copyValue(it->second);
    }
    // A copy of a value already made (memo, DUP): strings are copied, so their bytes count.
    void copyValue(const PickleValue &v)
    {
        m_copiedBytes += v.text.size();
        if (m_copiedBytes > kMaxCopiedBytes)
            fail("memo references copy more than " + std::to_string(kMaxCopiedBytes >> 20)
                 + " MiB of strings; refused as a resource exhaustion attempt");
        push(v);
    }

    bool step(uint8_t op);
    bool stepScalar(uint8_t op);
    bool stepContainer(uint8_t op);
    void pushGlobal(const std::string &module, const std::string &name);
    void pushLong(uint64_t nbytes);
    void addItems(PickleValue &target, std::vector<PickleValue> values);
    void setItems(PickleValue &target, std::vector<PickleValue> values);
    PickleValue reduce(const PickleValue &callable, const PickleValue &args);
    PickleValue rebuildTensor(const std::string &fn, const PickleValue::Items &args);
    PickleValue persistentLoad(const PickleValue &pid);

    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
    size_t m_opPos = 0;
    const StorageLoader &m_loader;
    std::vector<PickleValue> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, PickleValue> m_memo;
    std::unordered_map<const void *, Shape> m_shapes;
    // String keys of each dict -> position, so that SETITEMS stays linear in the items.
    std::unordered_map<const void *, std::unordered_map<std::string, size_t>> m_keys;
    uint64_t m_values = 0;
    uint64_t m_copiedBytes = 0;
};

PickleValue Unpickler::run()
{
    // Every value pushed takes at least one opcode byte, so the stack never holds more than the
    // file's size (or kMaxValues) of them: room for that at once instead of the copies of a
    // growing vector (address space only; pages are touched as values arrive).
    m_stack.reserve(size_t(std::min<uint64_t>(m_size, kMaxValues)));
    for (;;) {
        m_opPos = m_pos;
        const uint8_t op = *take(1);
        if (op == '.') { // STOP
            if (m_stack.size() != 1 || !m_marks.empty())
                fail("STOP with " + std::to_string(m_stack.size()) + " values on the stack");
            return pop();
        }
        if (!step(op)) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            fail(std::string("unsupported pickle opcode ") + hex
                 + (op >= 0x20 && op < 0x7f ? std::string(" '") + char(op) + "'" : std::string()));
        }
    }
}

bool Unpickler::step(uint8_t op)
{
    switch (op) {
    case 0x80: { // PROTO
        const uint64_t proto = readLE(1);
        if (proto < 2 || proto > 5)
            fail("pickle protocol " + std::to_string(proto) + " (supported: 2-5)");
        return true;
    }
    case 0x95: take(8); return true; // FRAME: size hint only
    case '(':                        // MARK
        if (++m_values > kMaxValues)
            fail("more than " + std::to_string(kMaxValues) + " values; refused as a resource exhaustion attempt");
        m_marks.push_back(m_stack.size());
        return true;
    case '0': pop(); return true;                   // POP
    case '1': popToMark(); return true;             // POP_MARK
    case '2': copyValue(top()); return true;        // DUP
    case 'q': memoPut(readLE(1)); return true;      // BINPUT
    case 'r': memoPut(readLE(4)); return true;      // LONG_BINPUT
    case 0x94: memoPut(m_memo.size()); return true; // MEMOIZE
    case 'h': memoGet(readLE(1)); return true;      // BINGET
    case 'j': memoGet(readLE(4)); return true;      // LONG_BINGET
    case 'c': {                                     // GLOBAL
        const std::string module = readLine();
        pushGlobal(module, readLine());
        return true;
    }
    case 0x93: { // STACK_GLOBAL
        PickleValue name = pop(), module = pop();
        if (!module.isString() || !name.isString())
            fail("STACK_GLOBAL needs two strings");
        pushGlobal(module.text, name.text);
        return true;
    }
    case 'Q': { // BINPERSID
        PickleValue pid = pop();
        push(persistentLoad(pid));
        return true;
    }
    default: return stepScalar(op) || stepContainer(op);
    }
}

bool Unpickler::stepScalar(uint8_t op)
{
    switch (op) {
    case 'N': push(PickleValue::none()); return true;
    case 0x88: push(PickleValue::makeBool(true)); return true;             // NEWTRUE
    case 0x89: push(PickleValue::makeBool(false)); return true;            // NEWFALSE
    case 'K': push(PickleValue::makeInt(int64_t(readLE(1)))); return true; // BININT1
    case 'M': push(PickleValue::makeInt(int64_t(readLE(2)))); return true; // BININT2
    case 'J': push(PickleValue::makeInt(int64_t(int32_t(uint32_t(readLE(4)))))); return true;
    case 0x8a: pushLong(readLE(1)); return true; // LONG1
    case 0x8b: pushLong(readLE(4)); return true; // LONG4
    case 'G': {                                  // BINFLOAT, big-endian
        const uint8_t *p = take(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | p[i];
        double d;
        std::memcpy(&d, &bits, sizeof d);
        push(PickleValue::makeFloat(d));
        return true;
    }
    case 'X': push(PickleValue::makeString(readBytes(readLE(4)))); return true;  // BINUNICODE
    case 0x8c: push(PickleValue::makeString(readBytes(readLE(1)))); return true; // SHORT_BINUNICODE
    case 0x8d: push(PickleValue::makeString(readBytes(readLE(8)))); return true; // BINUNICODE8
    case 'T': push(PickleValue::makeString(readBytes(readLE(4)))); return true;  // BINSTRING
    case 'U': push(PickleValue::makeString(readBytes(readLE(1)))); return true;  // SHORT_BINSTRING
    case 'B': push(PickleValue::makeString(readBytes(readLE(4)), Kind::Bytes)); return true;
    case 'C': push(PickleValue::makeString(readBytes(readLE(1)), Kind::Bytes)); return true;
    case 0x8e: push(PickleValue::makeString(readBytes(readLE(8)), Kind::Bytes)); return true;
    case 0x96: push(PickleValue::makeString(readBytes(readLE(8)), Kind::Bytes)); return true;
    default: return false;
    }
}

bool Unpickler::stepContainer(uint8_t op)
{
    switch (op) {
    case '}': push(emptyDict()); return true;                // EMPTY_DICT
    case ']': push(container(Kind::List, {})); return true;  // EMPTY_LIST
    case ')': push(container(Kind::Tuple, {})); return true; // EMPTY_TUPLE
    case 0x8f: push(container(Kind::List, {})); return true; // EMPTY_SET
    case 't': push(container(Kind::Tuple, popToMark())); return true;
    case 'l': push(container(Kind::List, popToMark())); return true;
    case 0x91: push(container(Kind::List, popToMark())); return true; // FROZENSET
    case 0x85:
    case 0x86:
    case 0x87: { // TUPLE1-3
        const size_t n = op - 0x84;
        std::vector<PickleValue> items(n);
        for (size_t i = n; i-- > 0;)
            items[i] = pop();
        push(container(Kind::Tuple, std::move(items)));
        return true;
    }
    case 'a': {
        PickleValue v = pop();
        addItems(top(), {std::move(v)});
        return true;
    } // APPEND
    case 'e':
    case 0x90: {
        auto vs = popToMark();
        addItems(top(), std::move(vs));
        return true;
    }
    case 's': { // SETITEM
        PickleValue v = pop(), k = pop();
        setItems(top(), {std::move(k), std::move(v)});
        return true;
    }
    case 'u': {
        auto vs = popToMark();
        setItems(top(), std::move(vs));
        return true;
    }           // SETITEMS
    case 'R': { // REDUCE
        PickleValue args = pop(), callable = pop();
        push(reduce(callable, args));
        return true;
    }
    case 0x81:
    case 0x92: { // NEWOBJ(_EX)
        PickleValue kwargs = op == 0x92 ? pop() : PickleValue::none();
        PickleValue args = pop(), cls = pop();
        push(reduce(cls, args));
        return true;
    }
    case 'b': { // BUILD
        PickleValue state = pop();
        PickleValue &obj = top();
        if (obj.kind == Kind::Opaque) {
            mustBeOpen(obj);
            adopt(obj, state);
            obj.items->push_back(std::move(state));
        }
        // Dicts (an OrderedDict's `_metadata`) and tensors (Parameter state) keep no state.
        return true;
    }
    default: return false;
    }
}

void Unpickler::pushGlobal(const std::string &module, const std::string &name)
{
    const std::string qualified = module + "." + name;
    switch (globalPolicy(module, name)) {
    case GlobalPolicy::Interpreted: push(PickleValue::makeGlobal(qualified)); return;
    case GlobalPolicy::Opaque: push(opaque(qualified)); return;
    case GlobalPolicy::Disallowed: break;
    }
    std::string hint;
    if (qualified == "torch.storage._load_from_bytes")
        hint = " (a storage pickled in line, as the legacy non-zip format does)";
    else if (startsWith(module, "torch.nn"))
        hint = " (the file pickles a whole module; save its state_dict() instead)";
    else if (startsWith(module, "__torch__"))
        hint = " (a TorchScript archive, not a torch.save checkpoint)";
    else
        hint = " (loading it would run code)";
    fail("disallowed global " + qualified + hint);
}

void Unpickler::pushLong(uint64_t nbytes)
{
    std::string bytes = readBytes(nbytes);
    if (bytes.size() > 8) {
        push(PickleValue::makeString(std::move(bytes), Kind::BigInt));
        return;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < bytes.size(); ++i)
        v |= uint64_t(uint8_t(bytes[i])) << (8 * i);
    if (!bytes.empty() && bytes.size() < 8 && (uint8_t(bytes.back()) & 0x80))
        v |= ~uint64_t(0) << (8 * bytes.size()); // sign-extend
    push(PickleValue::makeInt(int64_t(v)));
}

void Unpickler::addItems(PickleValue &target, std::vector<PickleValue> values)
{
    if ((target.kind != Kind::List && target.kind != Kind::Opaque) || !target.items)
        fail("APPEND to a " + target.describe());
    mustBeOpen(target);
    for (PickleValue &v : values) {
        adopt(target, v);
        target.items->push_back(std::move(v));
    }
}

void Unpickler::setItems(PickleValue &target, std::vector<PickleValue> values)
{
    if (values.size() % 2)
        fail("SETITEMS with an odd number of values");
    if (target.kind == Kind::Opaque)
        return; // a dict subclass we do not interpret: its items are dropped with it
    if (!target.isDict())
        fail("SETITEM on a " + target.describe());
    mustBeOpen(target);
    auto &pairs = *target.pairs;
    auto &keys = m_keys[identity(target)];
    for (size_t i = 0; i < values.size(); i += 2) {
        adopt(target, values[i]);
        adopt(target, values[i + 1]);
        if (values[i].kind == Kind::String) { // a repeated key replaces the value, as in Python
            const auto [it, added] = keys.emplace(values[i].text, pairs.size());
            if (!added) {
                pairs[it->second].second = std::move(values[i + 1]);
                continue;
            }
        }
        pairs.emplace_back(std::move(values[i]), std::move(values[i + 1]));
    }
}

} // namespace

namespace {

const PickleValue::Items &tupleItems(const PickleValue &v)
{
    static const PickleValue::Items empty;
    return (v.kind == Kind::Tuple || v.kind == Kind::List) && v.items ? *v.items : empty;
}

PickleValue Unpickler::reduce(const PickleValue &callable, const PickleValue &args)
{
    if (callable.kind == Kind::Opaque) {
        // An uninterpreted class or function: record what it was given, call nothing.
        PickleValue obj = opaque(callable.text);
        adopt(obj, args);
        obj.items->push_back(args);
        return obj;
    }
    if (callable.kind != Kind::Global)
        fail("REDUCE on a " + callable.describe() + ", not a class or function");
    const std::string &fn = callable.text;
    const PickleValue::Items &a = tupleItems(args);
    if (fn == "collections.OrderedDict") {
        PickleValue d = emptyDict();
        if (!a.empty()) { // OrderedDict([(k, v), ...])
            std::vector<PickleValue> kv;
            for (const PickleValue &pair : tupleItems(a[0])) {
                const auto &p = tupleItems(pair);
                if (p.size() != 2)
                    fail("OrderedDict item is not a pair");
                kv.push_back(p[0]);
                kv.push_back(p[1]);
            }
            setItems(d, std::move(kv));
        }
        return d;
    }
    if (fn == "builtins.set" || fn == "builtins.frozenset" || fn == "__builtin__.set" || fn == "__builtin__.frozenset")
        return container(Kind::List, a.empty() ? PickleValue::Items{} : tupleItems(a[0]));
    if (fn == "builtins.bytearray" || fn == "__builtin__.bytearray")
        return PickleValue::makeString(a.empty() ? std::string() : a[0].text, Kind::Bytes);
    if (fn == "torch.Size")
        return container(Kind::Tuple, a.empty() ? PickleValue::Items{} : tupleItems(a[0]));
    if (startsWith(fn, "torch._utils."))
        return rebuildTensor(fn.substr(13), a);
    fail("cannot call " + fn);
}

// Reads a tuple of non-negative int64 (sizes or strides).
std::vector<int64_t> intTuple(const PickleValue &v, bool *ok)
{
    std::vector<int64_t> out;
    *ok = v.kind == Kind::Tuple || v.kind == Kind::List;
    for (const PickleValue &x : tupleItems(v)) {
        if (x.kind != Kind::Int || x.integer < 0 || x.integer > (int64_t(1) << 48))
            *ok = false;
        out.push_back(x.integer);
    }
    return out;
}

PickleValue Unpickler::rebuildTensor(const std::string &fn, const PickleValue::Items &a)
{
    if (fn == "_rebuild_parameter" || fn == "_rebuild_parameter_with_state") {
        if (a.empty() || !a[0].isTensor())
            fail("torch._utils." + fn + " without a tensor");
        return PickleValue::makeTensor(a[0].tensor);
    }
    // _rebuild_tensor(_v2)(storage, storage_offset, size, stride, ...)
    if (a.size() < 4 || a[0].kind != Kind::Storage || a[1].kind != Kind::Int)
        fail("torch._utils." + fn + " with unexpected arguments");
    bool okSize = false, okStride = false;
    const std::vector<int64_t> size = intTuple(a[2], &okSize);
    const std::vector<int64_t> stride = intTuple(a[3], &okStride);
    const int64_t offset = a[1].integer;
    if (!okSize || !okStride || size.size() != stride.size() || size.size() > 16 || offset < 0)
        fail("tensor with invalid sizes, strides or offset");
    const at::Tensor &storage = a[0].tensor;
    // Highest element index the view touches; must lie inside the storage.
    bool empty = false;
    __int128 last = offset;
    for (size_t d = 0; d < size.size(); ++d) {
        empty = empty || size[d] == 0;
        if (size[d] > 0)
            last += __int128(size[d] - 1) * stride[d];
    }
    if (!empty && last >= storage.numel())
        fail("tensor view (offset " + std::to_string(offset) + ") reaches element " + std::to_string(int64_t(last))
             + " of a storage of " + std::to_string(storage.numel()));
    if (empty)
        return PickleValue::makeTensor(torch::empty(size, storage.options()));
    return PickleValue::makeTensor(storage.as_strided(size, stride, offset));
}

PickleValue Unpickler::persistentLoad(const PickleValue &pid)
{
    const auto &t = tupleItems(pid);
    if (t.size() != 5 || !t[0].isString() || t[0].text != "storage")
        fail("persistent id is not a ('storage', type, key, location, numel) tuple");
    const StorageType *type = t[1].kind == Kind::Global ? storageType(t[1].text) : nullptr;
    if (!type)
        fail("persistent id names an unsupported storage type " + t[1].describe());
    if (!t[2].isString() || !t[3].isString() || t[4].kind != Kind::Int || t[4].integer < 0)
        fail("persistent id with a malformed key, location or size");
    StorageRequest request{t[2].text, type->dtype, t[3].text, t[4].integer};
    at::Tensor storage = m_loader(request);
    if (!storage.defined() || storage.scalar_type() != type->dtype || storage.dim() != 1)
        fail("storage " + request.key + " could not be loaded as " + type->name);
    return PickleValue::makeTensor(std::move(storage), Kind::Storage);
}

} // namespace

PickleValue unpickleTorch(const uint8_t *data, size_t size, const StorageLoader &loader)
{
    if (!data && size)
        throw UnpickleError("data.pkl: no data");
    Unpickler u(data, size, loader);
    return u.run();
}

} // namespace avt::model
