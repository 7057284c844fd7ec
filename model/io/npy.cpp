#include "model/io/npy.h"

#include <ATen/ATen.h>

#include <cstring>
#include <fstream>
#include <sstream>

// The .npy layout: magic "\x93NUMPY", major/minor version bytes, a little-endian header
// length (2 bytes in 1.0, 4 bytes in 2.0/3.0), then a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with spaces and a
// final newline, then the raw data.

namespace avt::model {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;

struct DtypeInfo {
    NpyDtype dtype;
    const char *descr;
    int size;
};

constexpr DtypeInfo kDtypes[] = {
    {NpyDtype::Float16, "<f2", 2}, {NpyDtype::Float32, "<f4", 4}, {NpyDtype::Float64, "<f8", 8},
    {NpyDtype::Int8, "|i1", 1},    {NpyDtype::Int16, "<i2", 2},   {NpyDtype::Int32, "<i4", 4},
    {NpyDtype::Int64, "<i8", 8},   {NpyDtype::UInt8, "|u1", 1},   {NpyDtype::Bool, "|b1", 1},
};

bool fail(std::string *error, const std::string &path, const std::string &why)
{
    if (error)
        *error = path + ": " + why;
    return false;
}

// Value of 'key' in the header dict, as the raw text after the colon up to the next
// top-level comma or closing brace (a tuple is returned with its parentheses).
bool headerField(const std::string &header, const std::string &key, std::string &value)
{
    size_t k = header.find("'" + key + "'");
    if (k == std::string::npos)
        return false;
    size_t colon = header.find(':', k);
    if (colon == std::string::npos)
        return false;
    size_t i = colon + 1;
    while (i < header.size() && header[i] == ' ')
        ++i;
    size_t end = i;
    if (i < header.size() && header[i] == '(') {
        end = header.find(')', i);
        if (end == std::string::npos)
            return false;
        ++end;
    } else {
        while (end < header.size() && header[end] != ',' && header[end] != '}')
            ++end;
    }
    value = header.substr(i, end - i);
    while (!value.empty() && value.back() == ' ')
        value.pop_back();
    return true;
}

bool parseDescr(std::string descr, NpyDtype &dtype)
{
    if (descr.size() >= 2 && (descr.front() == '\'' || descr.front() == '"'))
        descr = descr.substr(1, descr.size() - 2);
    if (descr.size() < 3)
        return false;
    // '=' is native order, which is little-endian on every platform we build for.
    char order = descr[0];
    std::string kind = descr.substr(1);
    for (const DtypeInfo &d : kDtypes) {
        if (kind != std::string(d.descr).substr(1))
            continue;
        if (order == '>' && d.size > 1)
            return false;
        dtype = d.dtype;
        return true;
    }
    return false;
}

bool parseShape(const std::string &text, std::vector<int64_t> &shape)
{
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        return false;
    shape.clear();
    std::string inner = text.substr(1, text.size() - 2);
    std::stringstream ss(inner);
    std::string item;
    while (std::getline(ss, item, ',')) {
        size_t a = item.find_first_not_of(' ');
        if (a == std::string::npos)
            continue; // trailing comma of a 1-tuple
        size_t b = item.find_last_not_of(' ');
        std::string digits = item.substr(a, b - a + 1);
        if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
            return false;
        shape.push_back(std::stoll(digits));
    }
    return true;
}

template <class T, class Out> void convertAll(const NpyArray &a, std::vector<Out> &out)
{
    const int64_t n = a.numel();
    out.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        T v;
        std::memcpy(&v, a.bytes.data() + i * sizeof(T), sizeof(T));
        out[static_cast<size_t>(i)] = static_cast<Out>(v);
    }
}

template <class Out> std::vector<Out> convert(const NpyArray &a)
{
    std::vector<Out> out;
    if (static_cast<int64_t>(a.bytes.size()) != a.numel() * npyDtypeSize(a.dtype))
        return out; // inconsistent array (e.g. default-constructed): nothing to convert
    switch (a.dtype) {
    case NpyDtype::Float16: {
        const int64_t n = a.numel();
        out.resize(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            uint16_t h;
            std::memcpy(&h, a.bytes.data() + i * 2, 2);
            out[static_cast<size_t>(i)] = static_cast<Out>(halfToFloat(h));
        }
        break;
    }
    case NpyDtype::Float32: convertAll<float>(a, out); break;
    case NpyDtype::Float64: convertAll<double>(a, out); break;
    case NpyDtype::Int8: convertAll<int8_t>(a, out); break;
    case NpyDtype::Int16: convertAll<int16_t>(a, out); break;
    case NpyDtype::Int32: convertAll<int32_t>(a, out); break;
    case NpyDtype::Int64: convertAll<int64_t>(a, out); break;
    case NpyDtype::UInt8: convertAll<uint8_t>(a, out); break;
    case NpyDtype::Bool: convertAll<uint8_t>(a, out); break;
    }
    return out;
}

} // namespace

int npyDtypeSize(NpyDtype dtype)
{
    for (const DtypeInfo &d : kDtypes)
        if (d.dtype == dtype)
            return d.size;
    return 0;
}

std::string npyDtypeDescr(NpyDtype dtype)
{
    for (const DtypeInfo &d : kDtypes)
        if (d.dtype == dtype)
            return d.descr;
    return {};
}

int64_t NpyArray::numel() const
{
    for (int64_t s : shape) // a zero anywhere: empty, whatever the others (no overflow)
        if (s <= 0)
            return 0;
    int64_t n = 1;
    for (int64_t s : shape)
        if (__builtin_mul_overflow(n, s, &n))
            return 0;
    return n;
}

std::vector<float> NpyArray::toFloat() const { return convert<float>(*this); }
std::vector<double> NpyArray::toDouble() const { return convert<double>(*this); }
std::vector<int64_t> NpyArray::toInt64() const { return convert<int64_t>(*this); }

bool readNpy(const std::string &path, NpyArray &out, std::string *error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(error, path, "cannot open for reading");
    char pre[10];
    if (!in.read(pre, 8) || std::memcmp(pre, kMagic, kMagicLen) != 0)
        return fail(error, path, "not a .npy file (bad magic)");
    const int major = static_cast<uint8_t>(pre[6]);
    uint32_t headerLen = 0;
    if (major == 1) {
        uint8_t b[2];
        if (!in.read(reinterpret_cast<char *>(b), 2))
            return fail(error, path, "truncated header");
        headerLen = b[0] | (b[1] << 8);
    } else if (major == 2 || major == 3) {
        uint8_t b[4];
        if (!in.read(reinterpret_cast<char *>(b), 4))
            return fail(error, path, "truncated header");
        headerLen = b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24);
    } else {
        return fail(error, path, "unsupported .npy version " + std::to_string(major));
    }
    if (headerLen > (1u << 20))
        return fail(error, path, "header too long");
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen))
        return fail(error, path, "truncated header");

    std::string descr, fortran, shapeText;
    if (!headerField(header, "descr", descr) || !headerField(header, "fortran_order", fortran)
        || !headerField(header, "shape", shapeText))
        return fail(error, path, "header lacks descr/fortran_order/shape: " + header);
    NpyArray a;
    if (!parseDescr(descr, a.dtype))
        return fail(error, path, "unsupported dtype " + descr);
    if (fortran != "False")
        return fail(error, path, "Fortran-order arrays are not supported");
    if (!parseShape(shapeText, a.shape))
        return fail(error, path, "bad shape " + shapeText);
    // The header's shape decides the size of the buffer: it must fit the file before anything
    // is allocated (and its product must not overflow).
    const std::streamoff dataAt = in.tellg();
    in.seekg(0, std::ios::end);
    const std::streamoff fileSize = in.tellg();
    in.seekg(dataAt);
    if (dataAt < 0 || fileSize < dataAt)
        return fail(error, path, "cannot tell the file size");
    const uint64_t available = uint64_t(fileSize - dataAt);
    bool empty = false;
    for (int64_t s : a.shape) {
        if (s < 0)
            return fail(error, path, "negative dimension");
        empty = empty || s == 0;
    }
    uint64_t needed = 0;
    if (!empty) {
        needed = uint64_t(npyDtypeSize(a.dtype));
        for (int64_t s : a.shape) {
            if (needed > available / uint64_t(s)) // also keeps the product from overflowing
                return fail(error, path,
                            "truncated data: the header's shape " + shapeText + " needs more than the "
                                + std::to_string(available) + " bytes the file has");
            needed *= uint64_t(s);
        }
    }
    if (needed > available)
        return fail(error, path,
                    "truncated data: the header's shape " + shapeText + " needs " + std::to_string(needed)
                        + " bytes, the file has " + std::to_string(available));
    const int64_t nbytes = int64_t(needed);
    a.bytes.resize(static_cast<size_t>(nbytes));
    if (nbytes > 0 && !in.read(reinterpret_cast<char *>(a.bytes.data()), nbytes))
        return fail(error, path, "truncated data: expected " + std::to_string(nbytes) + " bytes");
    out = std::move(a);
    return true;
}

bool writeNpy(const std::string &path, const NpyArray &array, std::string *error)
{
    const int64_t expected = array.numel() * npyDtypeSize(array.dtype);
    if (static_cast<int64_t>(array.bytes.size()) != expected)
        return fail(error, path,
                    "data size " + std::to_string(array.bytes.size()) + " does not match shape ("
                        + std::to_string(expected) + ")");
    std::string shape = "(";
    for (size_t i = 0; i < array.shape.size(); ++i)
        shape +=
            std::to_string(array.shape[i]) + (array.shape.size() == 1 ? "," : (i + 1 < array.shape.size() ? ", " : ""));
    shape += ")";
    std::string header =
        "{'descr': '" + npyDtypeDescr(array.dtype) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Pad so that magic (6) + version (2) + length (2) + header is a multiple of 64.
    const size_t total = kMagicLen + 4 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return fail(error, path, "cannot open for writing");
    const uint16_t len = static_cast<uint16_t>(header.size());
    const char version[2] = {1, 0};
    const char lenBytes[2] = {static_cast<char>(len & 0xff), static_cast<char>(len >> 8)};
    out.write(kMagic, kMagicLen);
    out.write(version, 2);
    out.write(lenBytes, 2);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(reinterpret_cast<const char *>(array.bytes.data()), static_cast<std::streamsize>(array.bytes.size()));
    out.close();
    if (!out)
        return fail(error, path, "write failed");
    return true;
}

bool writeTensorNpy(const std::string &path, const at::Tensor &tensor, std::string *error)
{
    at::Tensor c = tensor.detach().cpu();
    NpyArray a;
    if (c.is_floating_point()) {
        c = c.to(at::kFloat);
        a.dtype = NpyDtype::Float32;
    } else if (c.scalar_type() == at::kBool || c.scalar_type() == at::kByte) {
        c = c.to(at::kByte);
        a.dtype = NpyDtype::UInt8;
    } else {
        c = c.to(at::kLong);
        a.dtype = NpyDtype::Int64;
    }
    c = c.contiguous();
    a.shape.assign(c.sizes().begin(), c.sizes().end());
    const auto *data = static_cast<const uint8_t *>(c.data_ptr());
    a.bytes.assign(data, data + c.numel() * c.element_size());
    return writeNpy(path, a, error);
}

bool writeNpyFloat32(const std::string &path, const float *data, const std::vector<int64_t> &shape, std::string *error)
{
    NpyArray a;
    a.dtype = NpyDtype::Float32;
    a.shape = shape;
    const int64_t n = a.numel();
    a.bytes.resize(static_cast<size_t>(n) * sizeof(float));
    if (n > 0)
        std::memcpy(a.bytes.data(), data, a.bytes.size());
    return writeNpy(path, a, error);
}

float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal half: normalise
            exp = 127 - 15 + 1;
            while (!(mant & 0x400)) {
                mant <<= 1;
                --exp;
            }
            mant &= 0x3ff;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

uint16_t floatToHalf(float f)
{
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
    const uint32_t absBits = bits & 0x7fffffffu;
    if (absBits >= 0x7f800000u) // inf or nan
        return sign | 0x7c00 | (absBits > 0x7f800000u ? 0x200 : 0);
    if (absBits >= 0x477ff000u) // rounds to >= 65520: overflow to inf
        return sign | 0x7c00;
    if (absBits < 0x38800000u) { // below the smallest normal half: subnormal or zero
        if (absBits < 0x33000000u)
            return sign;
        const uint32_t exp = absBits >> 23;
        const uint32_t mant = (absBits & 0x7fffff) | 0x800000;
        const int shift = 126 - static_cast<int>(exp); // 14..24
        uint32_t half = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1);
        const uint32_t halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (half & 1)))
            ++half;
        return sign | static_cast<uint16_t>(half);
    }
    uint32_t h = ((absBits >> 13) - (112u << 10));
    const uint32_t rem = absBits & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
        ++h;
    return sign | static_cast<uint16_t>(h);
}

} // namespace avt::model
