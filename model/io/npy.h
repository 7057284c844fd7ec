#pragma once
// Minimal NumPy .npy reader/writer (format versions 1.0-3.0, little-endian, C order).
//
//   avt::model::NpyArray a;
//   std::string err;
//   if (!avt::model::readNpy("x.npy", a, &err)) { /* err names the file and the cause */ }
//   std::vector<float> v = a.toFloat();                     // any numeric dtype -> float
//   avt::model::writeNpyFloat32("y.npy", v.data(), {2, 3}, &err);
//
// Supported dtypes: float16/32/64, int8/16/32/64, uint8, bool. Fortran-order and big-endian
// files are refused with an error. No LibTorch or Qt here, so any layer can include it.
// Thread-safety: free functions without shared state.
#include <cstdint>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace avt::model {

enum class NpyDtype { Float16, Float32, Float64, Int8, Int16, Int32, Int64, UInt8, Bool };

// Size in bytes of one element; the NumPy descr string ("<f4", "|u1", ...).
int npyDtypeSize(NpyDtype dtype);
std::string npyDtypeDescr(NpyDtype dtype);

struct NpyArray {
    NpyDtype dtype = NpyDtype::Float32;
    std::vector<int64_t> shape; // empty = scalar (one element)
    std::vector<uint8_t> bytes; // numel * npyDtypeSize(dtype), C order, little-endian

    int64_t numel() const;
    // Element-wise conversion of the data to float / double / int64 (bool -> 0/1); empty
    // when bytes does not hold numel() elements.
    std::vector<float> toFloat() const;
    std::vector<double> toDouble() const;
    std::vector<int64_t> toInt64() const;
};

// Reads a .npy file. On failure returns false and, if error is given, a message naming
// the file and the cause.
bool readNpy(const std::string &path, NpyArray &out, std::string *error = nullptr);

// Writes an array (format 1.0, header padded to 64 bytes). bytes.size() must match shape.
bool writeNpy(const std::string &path, const NpyArray &array, std::string *error = nullptr);

// Writes a tensor of any shape: floating types as float32, bool and uint8 as uint8, other
// integer types as int64 (detached, copied to the CPU and made contiguous first).
bool writeTensorNpy(const std::string &path, const at::Tensor &tensor, std::string *error = nullptr);

// Writes count = prod(shape) float32 values from data.
bool writeNpyFloat32(const std::string &path, const float *data, const std::vector<int64_t> &shape,
                     std::string *error = nullptr);

// IEEE half <-> float conversions (round to nearest even on the way down).
float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);

} // namespace avt::model
