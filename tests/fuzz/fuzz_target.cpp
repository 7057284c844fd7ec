#include "fuzz_target.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace avt::fuzz {

namespace {

// What this process wrote, removed at exit (a crash leaves it, with the input that crashed).
struct Written {
    std::set<std::string> paths;
    ~Written()
    {
        for (const std::string &p : paths) {
            std::error_code ec;
            std::filesystem::remove_all(p, ec);
        }
    }
};

Written &written()
{
    static Written w;
    return w;
}

} // namespace

std::string writeInput(const uint8_t *data, size_t size, const std::string &suffix)
{
    static const std::string dir = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    const std::string path = dir + "/avt-fuzz-" + std::to_string(::getpid()) + suffix;
    written().paths.insert(path);
    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write " + path);
    if (size)
        std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

std::string scratchFolder(const std::string &name)
{
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("avt-fuzz-" + name + "-" + std::to_string(::getpid()));
    written().paths.insert(path.string());
    std::filesystem::create_directories(path);
    return path.string();
}

} // namespace avt::fuzz
