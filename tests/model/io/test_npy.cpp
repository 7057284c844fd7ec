// .npy reader/writer: round trips, dtype conversion, half floats and refused inputs.
#include "check.h"
#include "model/io/npy.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace avt::model;

namespace {
std::string tempPath(const char *name) { return (std::filesystem::temp_directory_path() / name).string(); }
} // namespace

AVT_TEST(npy_float32_round_trip)
{
    const std::string path = tempPath("avt_npy_rt.npy");
    const float data[6] = {1.f, -2.5f, 3.25f, 0.f, 1e-7f, 12345.f};
    std::string err;
    CHECK(writeNpyFloat32(path, data, {2, 3}, &err));
    NpyArray a;
    CHECK(readNpy(path, a, &err));
    CHECK(a.dtype == NpyDtype::Float32);
    CHECK(a.shape.size() == 2 && a.shape[0] == 2 && a.shape[1] == 3);
    const std::vector<float> v = a.toFloat();
    CHECK(v.size() == 6);
    for (int i = 0; i < 6 && i < static_cast<int>(v.size()); ++i)
        CHECK(v[i] == data[i]);
    // The data starts at a 64-byte boundary, as NumPy writes it.
    CHECK((std::filesystem::file_size(path) - 6 * 4) % 64 == 0);
    std::remove(path.c_str());
}

AVT_TEST(npy_default_array_converts_to_nothing)
{
    NpyArray a; // scalar shape, no bytes
    CHECK(a.toFloat().empty());
    CHECK(a.toInt64().empty());
}

AVT_TEST(npy_one_dim_and_int64)
{
    const std::string path = tempPath("avt_npy_i64.npy");
    NpyArray a;
    a.dtype = NpyDtype::Int64;
    a.shape = {3};
    const int64_t vals[3] = {-1, 0, 1LL << 40};
    a.bytes.resize(sizeof(vals));
    std::memcpy(a.bytes.data(), vals, sizeof(vals));
    std::string err;
    CHECK(writeNpy(path, a, &err));
    NpyArray b;
    CHECK(readNpy(path, b, &err));
    CHECK(b.shape.size() == 1 && b.shape[0] == 3);
    const std::vector<int64_t> back = b.toInt64();
    CHECK(back.size() == 3 && back[2] == (1LL << 40) && back[0] == -1);
    std::remove(path.c_str());
}

AVT_TEST(npy_half_conversion)
{
    CHECK(halfToFloat(0x3c00) == 1.0f);
    CHECK(halfToFloat(0xc000) == -2.0f);
    CHECK(halfToFloat(0x7bff) == 65504.0f);
    CHECK(halfToFloat(0x0001) == std::ldexp(1.0f, -24)); // smallest subnormal
    CHECK(floatToHalf(1.0f) == 0x3c00);
    CHECK(floatToHalf(65504.0f) == 0x7bff);
    CHECK(floatToHalf(1e6f) == 0x7c00);
    CHECK(floatToHalf(std::ldexp(1.0f, -24)) == 0x0001);
    // Every finite half survives a round trip through float.
    int bad = 0;
    for (uint32_t h = 0; h < 0x10000; ++h) {
        if ((h & 0x7c00) == 0x7c00)
            continue;
        if (floatToHalf(halfToFloat(static_cast<uint16_t>(h))) != h)
            ++bad;
    }
    CHECK(bad == 0);
}

AVT_TEST(npy_refuses_bad_files)
{
    NpyArray a;
    std::string err;
    CHECK(!readNpy(tempPath("avt_npy_missing_file.npy"), a, &err));
    CHECK(err.find("cannot open") != std::string::npos);
    const std::string path = tempPath("avt_npy_bad.npy");
    {
        std::ofstream f(path, std::ios::binary);
        f << "not numpy at all";
    }
    CHECK(!readNpy(path, a, &err));
    CHECK(err.find("magic") != std::string::npos);
    // Truncated data: a valid header promising more bytes than the file holds.
    const float d[4] = {1, 2, 3, 4};
    CHECK(writeNpyFloat32(path, d, {4}, &err));
    std::filesystem::resize_file(path, 64 + 8);
    CHECK(!readNpy(path, a, &err));
    CHECK(err.find("truncated") != std::string::npos);
    std::remove(path.c_str());
}

// A header whose shape claims more than the file holds is refused before any buffer is sized
// from it (a 10^12-element claim used to ask for 4 TB), and shapes that overflow are refused.
AVT_TEST(npy_header_claims_are_checked_against_the_file)
{
    const std::string path = tempPath("avt_npy_claims.npy");
    auto withShape = [&](const std::string &shape) {
        std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        dict.resize(118, ' ');
        dict += '\n';
        std::ofstream f(path, std::ios::binary);
        f.write("\x93NUMPY\x01\x00", 8);
        const char len[2] = {char(dict.size() & 0xff), char(dict.size() >> 8)};
        f.write(len, 2);
        f << dict << std::string(64, '\0'); // 16 floats of data
    };
    NpyArray a;
    std::string err;
    withShape("(1000000000000,)");
    CHECK(!readNpy(path, a, &err) && err.find("(1000000000000,) needs more than the 64 bytes") != std::string::npos);
    withShape("(4294967296, 4294967296, 4294967296)");
    CHECK(!readNpy(path, a, &err) && err.find("needs more than the 64 bytes") != std::string::npos);
    withShape("(99999999999999999999,)");
    CHECK(!readNpy(path, a, &err) && err.find("bad shape") != std::string::npos);
    withShape("(4294967296, 4294967296, 0)"); // empty, whatever the other dimensions say
    CHECK(readNpy(path, a, &err) && a.numel() == 0 && a.bytes.empty());
    withShape("(4, 4)");
    CHECK(readNpy(path, a, &err) && a.numel() == 16);
    std::remove(path.c_str());
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
