#include "fuzz_target.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace avt::fuzz {

std::string writeInput(const uint8_t *data, size_t size, const std::string &suffix)
{
    static const std::string dir = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    const std::string path = dir + "/avt-fuzz-" + std::to_string(::getpid()) + suffix;
    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write " + path);
    if (size)
        std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

} // namespace avt::fuzz
