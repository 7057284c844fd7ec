// Hand-made hostile checkpoints: each asks the reader for unbounded work (deep nesting, cycles,
// shared containers that explode when walked, memo references that multiply a large string, a
// huge dict, overlapping zip entries) and must end in an error within a second, in bounded memory.
// Each test prints its time (wall and CPU; the bound is on CPU time) and the process's peak RSS.
#include "check.h"

#include "model/io/checkpoint_reader.h"
#include "model/io/stored_zip.h"
#include "model/io/torch_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

using namespace avt::model;
namespace fs = std::filesystem;

namespace {

// Sanitizer builds run several times slower; the bound is about the work asked for, not the build.
#ifdef AVT_SANITIZED
constexpr double kSecondsAllowed = 10.0;
#else
constexpr double kSecondsAllowed = 1.0;
#endif
constexpr long kPeakRssAllowedMiB = 1024;

bool contains(const std::string &s, const std::string &part) { return s.find(part) != std::string::npos; }

fs::path scratchDir()
{
    fs::path p = fs::temp_directory_path() / ("avt_hostile_" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
}

long peakRssMiB()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

std::string le32(uint32_t v) { return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; }
std::string le16(uint16_t v) { return {char(v), char(v >> 8)}; }
std::string unicode(const std::string &s) { return "X" + le32(uint32_t(s.size())) + s; }
std::string binput(uint32_t i) { return "r" + le32(i); }
std::string binget(uint32_t i) { return "j" + le32(i); }

// Reads the file as a checkpoint (unpickling, then the state-dict walk), timed from the first
// byte to the last value destroyed. Returns the error ("" when it read fine).
// The bound is on CPU time (user + system of this process): a loaded machine stretches the
// wall time, not the work the file asks for.
double cpuSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

std::string readTimed(const std::string &what, const std::string &path, double allowed = kSecondsAllowed,
                      double *cpuOut = nullptr)
{
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    std::string err;
    {
        Checkpoint c;
        if (readCheckpoint(path, c, &err))
            err.clear();
    }
    const double cpu = cpuSeconds() - c0;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("  %-28s %.3f s (CPU %.3f s), peak RSS %ld MiB: %s\n", what.c_str(), s, cpu, peakRssMiB(),
                err.empty() ? "(read fine)" : err.substr(err.find(": ") + 2).c_str());
    if (cpuOut)
        *cpuOut = cpu;
    if (cpu > allowed)
        avt::test::fail(__FILE__, __LINE__, what + " took " + std::to_string(cpu) + " s of CPU time");
    if (peakRssMiB() > kPeakRssAllowedMiB)
        avt::test::fail(__FILE__, __LINE__, what + ": peak RSS " + std::to_string(peakRssMiB()) + " MiB");
    return err;
}

std::string pickleFile(const fs::path &dir, const std::string &name, const std::string &body)
{
    const std::string path = (dir / name).string();
    writeTorchArchive(path, "\x80\x02" + body + ".", {});
    return path;
}

} // namespace

// A million lists (or tuples) inside each other: freeing such a chain recursively would overflow
// the stack. Refused at depth 65. The million lists are made before the first is nested (a legal
// number of values, under the reader's 2^20), so refusing costs what reading a million lists
// costs, which on a loaded 2-core machine is near the one-second bound: the bound here is the
// larger of that and the CPU time of the same million lists side by side in one list (read in
// full, then walked for tensors: a little more work), timed in this run.
AVT_TEST(deep_nesting_is_refused)
{
    const fs::path dir = scratchDir();
    const int n = 1000000;
    double flatCpu = 0;
    const std::string flat = pickleFile(dir, "flat_lists.pt", "(" + std::string(n, ']') + "l");
    CHECK(contains(readTimed("a million lists, flat", flat, 10 * kSecondsAllowed, &flatCpu), "no tensors found"));
    const std::string lists = pickleFile(dir, "deep_lists.pt", std::string(n, ']') + std::string(n - 1, 'a'));
    CHECK(contains(readTimed("nested lists", lists, std::max(kSecondsAllowed, flatCpu)),
                   "containers nested more than 64 deep"));
    const std::string tuples = pickleFile(dir, "deep_tuples.pt", "]" + std::string(n, '\x85'));
    CHECK(contains(readTimed("nested tuples", tuples), "containers nested more than 64 deep"));
    fs::remove_all(dir);
}

// A list that contains itself, a dict whose value is itself, and a cycle through two lists.
AVT_TEST(self_reference_is_refused)
{
    const fs::path dir = scratchDir();
    CHECK(contains(readTimed("list in itself", pickleFile(dir, "self_list.pt", "]" + binput(0) + binget(0) + "a")),
                   "a container that contains itself"));
    CHECK(contains(
        readTimed("dict in itself", pickleFile(dir, "self_dict.pt", "}" + binput(0) + unicode("me") + binget(0) + "s")),
        "a container that contains itself"));
    const std::string cycle = "]" + binput(0) + "]" + binput(1) + binget(0) + "a" + "0" + binget(1) + "a";
    CHECK(contains(readTimed("two-list cycle", pickleFile(dir, "cycle.pt", cycle)),
                   "changed after it was placed in another one"));
    fs::remove_all(dir);
}

// Ten dicts deep, each holding the one below under ten keys: a 1.3 KB pickle that stands for
// 10^10 entries when walked (as the state-dict search walks nested dicts).
AVT_TEST(shared_containers_are_counted_where_they_appear)
{
    const fs::path dir = scratchDir();
    std::string body = "}" + binput(0); // the innermost, empty
    for (uint32_t level = 1; level <= 10; ++level) {
        body += "}" + binput(level) + "(";
        for (int k = 0; k < 10; ++k)
            body += unicode("k" + std::to_string(k)) + binget(level - 1);
        body += "u";
    }
    const std::string path = pickleFile(dir, "laughs.pt", body);
    CHECK(body.size() < 1500); // the pickle; the archive around it depends on the LibTorch version
    CHECK(contains(readTimed("shared dicts 10^10", path), "a value tree of more than 4194304 items"));
    fs::remove_all(dir);
}

// An 8 MiB string and a list of a thousand memo references to it: 8 GiB of copies.
AVT_TEST(memo_references_cannot_multiply_a_string)
{
    const fs::path dir = scratchDir();
    std::string body = unicode(std::string(8 << 20, 'x')) + binput(0) + "](";
    for (int i = 0; i < 1000; ++i)
        body += binget(0);
    body += "e";
    CHECK(contains(readTimed("memo x1000 of 8 MiB", pickleFile(dir, "memo_bomb.pt", body)),
                   "memo references copy more than 64 MiB of strings"));
    fs::remove_all(dir);
}

// A dict of 600 000 distinct keys: every repeated-key check is O(1) (a linear search made
// this O(n^2), hours), and the value budget ends it.
AVT_TEST(huge_dict_is_refused_quickly)
{
    const fs::path dir = scratchDir();
    std::string body = "}(";
    body.reserve(20u << 20);
    for (int i = 0; i < 600000; ++i)
        body += unicode("key" + std::to_string(i)) + "K\x01";
    body += "u";
    CHECK(contains(readTimed("dict of 600 k keys", pickleFile(dir, "huge_dict.pt", body)), "more than 1048576 values"));
    fs::remove_all(dir);
}

// A stored zip whose 1000 storage entries overlap: each one's data holds the local headers of
// the next ones and a shared 1 MiB tail, so a 1 MiB file would load as 1 GiB of tensors.
AVT_TEST(overlapping_zip_entries_are_refused)
{
    const int n = 1000;
    std::string pkl = "\x80\x02}(";
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i)
        names.push_back("archive/data/" + std::to_string(i));
    std::string file, central;
    auto local = [](const std::string &name, uint32_t crc, uint32_t size) {
        return le32(0x04034b50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc) + le32(size) + le32(size)
               + le16(uint16_t(name.size())) + le16(0) + name;
    };
    auto centralEntry = [](const std::string &name, uint32_t crc, uint32_t size, uint32_t offset) {
        return le32(0x02014b50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc) + le32(size)
               + le32(size) + le16(uint16_t(name.size())) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
               + le32(offset) + name;
    };
    // Offsets: the headers of all storage entries one after another, then the shared tail.
    std::vector<uint32_t> headerAt(n);
    uint32_t pos = 0;
    for (int i = 0; i < n; ++i) {
        headerAt[i] = pos;
        pos += 30 + uint32_t(names[i].size());
    }
    const std::string tail(1 << 20, '\0');
    const uint32_t dataEnd = pos + uint32_t(tail.size());
    for (int i = 0; i < n; ++i) {
        const uint32_t size = dataEnd - (headerAt[i] + 30 + uint32_t(names[i].size()));
        pkl += unicode("t" + std::to_string(i)) + "ctorch._utils\n_rebuild_tensor_v2\n((" + unicode("storage")
               + "ctorch\nByteStorage\n" + unicode(std::to_string(i)) + unicode("cpu") + "J" + le32(size) + "tQK\x00(J"
               + le32(size) + "t(K\x01t\x89tR";
    }
    pkl += "u.";
    // The headers, each followed in the file by the next ones (they are its data).
    std::string area;
    for (int i = 0; i < n; ++i)
        area += std::string(30 + names[i].size(), '\0'); // placeholders, filled below
    area += tail;
    std::vector<uint32_t> crcs(n), sizes(n);
    for (int i = n - 1; i >= 0; --i) { // from the last: each header is inside the earlier ones' data
        const uint32_t dataAt = headerAt[i] + 30 + uint32_t(names[i].size());
        sizes[i] = dataEnd - dataAt;
        crcs[i] = crc32Update(0, area.data() + dataAt, sizes[i]);
        const std::string h = local(names[i], crcs[i], sizes[i]);
        area.replace(headerAt[i], h.size(), h);
    }
    // data.pkl first (its folder names the archive), then the overlapping storage entries.
    const std::string pklName = "archive/data.pkl";
    const uint32_t pklCrc = crc32Update(0, pkl.data(), pkl.size());
    file = local(pklName, pklCrc, uint32_t(pkl.size())) + pkl;
    const uint32_t areaAt = uint32_t(file.size());
    file += area;
    central += centralEntry(pklName, pklCrc, uint32_t(pkl.size()), 0);
    for (int i = 0; i < n; ++i)
        central += centralEntry(names[i], crcs[i], sizes[i], areaAt + headerAt[i]);
    const uint32_t cdAt = uint32_t(file.size());
    file += central + le32(0x06054b50) + le16(0) + le16(0) + le16(uint16_t(n + 1)) + le16(uint16_t(n + 1))
            + le32(uint32_t(central.size())) + le32(cdAt) + le16(0);
    const fs::path dir = scratchDir();
    const std::string path = (dir / "overlap.pt").string();
    std::ofstream(path, std::ios::binary).write(file.data(), std::streamsize(file.size()));
    CHECK(file.size() < (2u << 20));
    const std::string e = readTimed("1000 overlapping entries", path);
    CHECK(contains(e, "corrupt archive: entries archive/data/") && contains(e, " overlap"));
    fs::remove_all(dir);
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
