// Checkpoint reading: every value in views.pt (dtypes, views, shared storages) equals what
// Python saved (exactly: the .npy files hold the same numbers), state dicts are found under
// their wrappers, and bad files give messages instead of crashes.
#include "check.h"

#include "model/io/checkpoint_reader.h"
#include "model/io/npy.h"
#include "model/io/stored_zip.h"
#include "model/io/torch_unpickler.h"
#include "model/io/torch_writer.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace avt::model;
namespace fs = std::filesystem;

namespace {

const std::string kDir = std::string(AVT_FIXTURES_DIR) + "/weights/";

bool contains(const std::string &s, const std::string &part) { return s.find(part) != std::string::npos; }

// Element-wise comparison of a tensor with a .npy written from the same tensor in Python.
bool equalsNpy(const at::Tensor &t, const std::string &npyName)
{
    NpyArray a;
    std::string err;
    if (!readNpy(kDir + npyName, a, &err)) {
        std::fprintf(stderr, "  %s\n", err.c_str());
        return false;
    }
    if (std::vector<int64_t>(t.sizes().begin(), t.sizes().end()) != a.shape)
        return false;
    const std::vector<double> want = a.toDouble();
    at::Tensor got = t.to(torch::kDouble).contiguous().reshape({-1});
    for (int64_t i = 0; i < got.numel(); ++i)
        if (got[i].item<double>() != want[size_t(i)])
            return false;
    return true;
}

Checkpoint mustRead(const std::string &file)
{
    Checkpoint c;
    std::string err;
    if (!readCheckpoint(kDir + file, c, &err))
        std::fprintf(stderr, "  %s\n", err.c_str());
    return c;
}

std::string readError(const std::string &path)
{
    Checkpoint c;
    std::string err;
    if (readCheckpoint(path, c, &err))
        return "(read fine)";
    return err;
}

fs::path scratchDir()
{
    fs::path p = fs::temp_directory_path() / ("avt_model_io_" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
}

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

} // namespace

// views.pt as torch.save wrote it, and repacked with ZIP64 records everywhere by Python's zipfile.
AVT_TEST(views_values_equal_python)
{
    for (const char *file : {"views.pt", "views_zip64.pt"}) {
        Checkpoint c = mustRead(file);
        CHECK(!c.tensors.empty());
        const char *names[] = {"f32", "f16",    "bf16", "f64",        "i64",         "i32",     "bool",
                               "u8",  "scalar", "base", "transposed", "offset_view", "stepped", "param"};
        for (const char *n : names) {
            at::Tensor t = c.get(n);
            CHECK(t.defined());
            if (t.defined() && !equalsNpy(t, std::string("views_") + n + ".npy"))
                avt::test::fail(__FILE__, __LINE__, std::string("values differ for ") + n);
        }
        CHECK(c.get("f16").scalar_type() == torch::kHalf);
        CHECK(c.get("bf16").scalar_type() == torch::kBFloat16);
        CHECK(c.get("f64").scalar_type() == torch::kDouble);
        CHECK(c.get("i64").scalar_type() == torch::kLong);
        CHECK(c.get("i64")[2].item<int64_t>() == (int64_t(1) << 40));
        CHECK(c.get("i32").scalar_type() == torch::kInt);
        CHECK(c.get("bool").scalar_type() == torch::kBool);
        CHECK(c.get("u8").scalar_type() == torch::kByte);
        CHECK(c.get("scalar").dim() == 0);
    }
}

AVT_TEST(views_keep_strides_offsets_and_shared_storage)
{
    Checkpoint c = mustRead("views.pt");
    at::Tensor base = c.get("base"), tr = c.get("transposed"), off = c.get("offset_view");
    at::Tensor stepped = c.get("stepped");
    CHECK(tr.stride(0) == 1 && tr.stride(1) == 8);
    CHECK(off.storage_offset() == 19 && off.stride(0) == 8);
    CHECK(stepped.stride(1) == 3);
    CHECK(tr.is_alias_of(base) && off.is_alias_of(base) && stepped.is_alias_of(base));
    CHECK(!c.get("f32").is_alias_of(base));
    // Nested dicts of tensors are flattened with '.'; other values are listed as ignored.
    CHECK(c.get("nested.inner").defined());
    bool sawArgs = false;
    for (const std::string &s : c.ignored)
        sawArgs = sawArgs || contains(s, "args: object argparse.Namespace");
    CHECK(sawArgs);
    CHECK(c.wrapper.empty());
}

AVT_TEST(views_other_objects_are_opaque_or_plain_values)
{
    Checkpoint c = mustRead("views.pt");
    const PickleValue *args = c.root.find("args");
    CHECK(args && args->kind == PickleValue::Kind::Opaque && args->text == "argparse.Namespace");
    // Namespace state: {'lr': 0.1, 'name': 'run', 'dims': [1, 2]} came in via BUILD.
    CHECK(args && !args->items->empty() && args->items->back().find("lr")
          && args->items->back().find("lr")->real == 0.1);
    const PickleValue *np = c.root.find("np_scalar");
    CHECK(np && np->kind == PickleValue::Kind::Opaque && np->text == "numpy.core.multiarray.scalar");
    const PickleValue *misc = c.root.find("misc");
    CHECK(misc && misc->kind == PickleValue::Kind::List && misc->items->size() == 9);
    if (misc && misc->items->size() == 9) {
        const auto &m = *misc->items;
        CHECK(m[0].integer == 1 && m[1].integer == -2 && m[2].real == 3.5);
        CHECK(m[3].kind == PickleValue::Kind::None && m[4].boolean);
        CHECK(m[6].kind == PickleValue::Kind::Tuple && m[7].find("k")->text == "v");
        CHECK(m[8].kind == PickleValue::Kind::BigInt);
    }
    const PickleValue *note = c.root.find("nested")->find("note");
    CHECK(note && note->isString() && note->text == "text");
}

AVT_TEST(state_dicts_found_under_wrappers)
{
    Checkpoint ast = mustRead("ast_audioset_tiny.pt");
    CHECK(ast.wrapper.empty());
    CHECK(ast.get("module.v.pos_embed").sizes() == torch::IntArrayRef({1, 62, 8}));
    CHECK(ast.get("module.mlp_head.1.weight").sizes() == torch::IntArrayRef({3, 8}));
    CHECK(ast.tensors.front().first == "module.v.cls_token"); // file order kept

    Checkpoint deit = mustRead("deit_imagenet_tiny.pt");
    CHECK(deit.wrapper == "model");
    CHECK(deit.get("patch_embed.proj.weight").sizes() == torch::IntArrayRef({8, 3, 16, 16}));

    Checkpoint k400 = mustRead("uniformer_k400_tiny.pt");
    CHECK(k400.wrapper == "model_state");
    CHECK(k400.get("module.patch_embed1.proj.weight").sizes() == torch::IntArrayRef({4, 3, 3, 4, 4}));
    CHECK(k400.get("module.norm.num_batches_tracked").item<int64_t>() == 7);
    CHECK(k400.ignored.empty());
    const PickleValue *epoch = k400.root.find("epoch");
    CHECK(epoch && epoch->integer == 5);
}

AVT_TEST(bad_files_give_messages)
{
    const std::string legacy = readError(kDir + "legacy.pt");
    CHECK(contains(legacy, "legacy.pt: ") && contains(legacy, "legacy (pre-1.6, non-zip)"));
    const std::string evil = readError(kDir + "evil_system.pt");
    CHECK(contains(evil, "evil_system.pt: ") && contains(evil, "disallowed global posix.system"));
    const std::string bytes = readError(kDir + "load_from_bytes.pt");
    CHECK(contains(bytes, "disallowed global torch.storage._load_from_bytes"));
    const std::string opcode = readError(kDir + "bad_opcode.pt");
    CHECK(contains(opcode, "unsupported pickle opcode 0x69 'i'"));
    CHECK(contains(readError(kDir + "no_such_file.pt"), "cannot open the file"));
    const std::string deflated = readError(kDir + "views_deflated.pt");
    CHECK(contains(deflated, "views_deflated.pt: entry ") && contains(deflated, "is compressed (method 8)"));

    const fs::path dir = scratchDir();
    spit(dir / "empty.pt", "");
    CHECK(contains(readError((dir / "empty.pt").string()), "empty.pt: empty file"));
    spit(dir / "text.pt", "hello, not a checkpoint\n");
    CHECK(contains(readError((dir / "text.pt").string()), "no zip signature"));
    CHECK(globalPolicy("argparse", "Namespace") == GlobalPolicy::Opaque);
    CHECK(globalPolicy("builtins", "eval") == GlobalPolicy::Disallowed);
    CHECK(globalPolicy("torch._utils", "_rebuild_tensor_v2") == GlobalPolicy::Interpreted);
    fs::remove_all(dir);
}

// Every truncation length and a byte flip at every 5th position of a small checkpoint: the
// reader must either succeed or return an error naming the file; never crash.
AVT_TEST(crc32_known_values)
{
    const std::string digits = "123456789";
    CHECK(crc32Update(0, digits.data(), digits.size()) == 0xCBF43926u); // the standard check value
    CHECK(crc32Update(0, "", 0) == 0u);
    std::string big(1000, '\0');
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = char(i * 7 + 3);
    const uint32_t whole = crc32Update(0, big.data(), big.size());
    CHECK(crc32Update(crc32Update(0, big.data(), 333), big.data() + 333, 667) == whole);
}

// A flipped byte inside a tensor's data is caught by the CRC-32, and the message names the record.
AVT_TEST(damaged_tensor_data_is_reported)
{
    std::string bytes = slurp(kDir + "views.pt");
    Checkpoint good = mustRead("views.pt");
    const float first = good.get("f32").reshape({-1})[0].item<float>();
    const size_t at = bytes.find(std::string(reinterpret_cast<const char *>(&first), sizeof first));
    CHECK(at != std::string::npos);
    bytes[at] = char(bytes[at] ^ 0x01);
    const fs::path dir = scratchDir();
    spit(dir / "bitrot.pt", bytes);
    const std::string e = readError((dir / "bitrot.pt").string());
    CHECK(contains(e, "bitrot.pt: corrupt archive: entry ") && contains(e, "/data/")
          && contains(e, "fails its CRC-32 check"));
    fs::remove_all(dir);
}

AVT_TEST(truncated_and_flipped_files_never_crash)
{
    const std::string good = slurp(kDir + "views.pt");
    const Checkpoint reference = mustRead("views.pt");
    CHECK(good.size() > 1000);
    const fs::path dir = scratchDir();
    const fs::path p = dir / "damaged.pt";
    int errors = 0, reads = 0;
    for (size_t n = 0; n < good.size(); n += 7) {
        spit(p, good.substr(0, n));
        const std::string e = readError(p.string());
        CHECK(e != "(read fine)"); // a cut archive has no central directory
        errors += contains(e, "damaged.pt: ");
    }
    CHECK(errors == int((good.size() + 6) / 7));
    for (size_t i = 0; i < good.size(); i += 5) {
        std::string bad = good;
        bad[i] = char(bad[i] ^ 0x5a);
        spit(p, bad);
        Checkpoint c;
        std::string e;
        if (readCheckpoint(p.string(), c, &e)) {
            // A flip the reader cannot see (a timestamp, padding) must not change a tensor.
            ++reads;
            CHECK(c.tensors.size() == reference.tensors.size());
            for (size_t k = 0; k < std::min(c.tensors.size(), reference.tensors.size()); ++k)
                CHECK(c.tensors[k].first == reference.tensors[k].first
                      && torch::equal(c.tensors[k].second, reference.tensors[k].second));
        } else {
            ++errors;
            CHECK(contains(e, "damaged.pt: "));
        }
    }
    std::printf("  flipped bytes: %d read fine, %d errors\n", reads, errors - int((good.size() + 6) / 7));
    fs::remove_all(dir);
}

// A TorchScript archive (code/, constants.pkl) is refused before anything is read: this one's
// __setstate__ creates ./avt-marker-created when LibTorch's loader (torch.jit.load) reads it.
AVT_TEST(torchscript_archive_is_refused_unread)
{
    const fs::path dir = scratchDir();
    const fs::path before = fs::current_path();
    fs::current_path(dir);
    const std::string e = readError(kDir + "torchscript_marker.pt");
    fs::current_path(before);
    CHECK(contains(e, "torchscript_marker.pt: a TorchScript archive") && contains(e, "refused"));
    CHECK(!fs::exists(dir / "avt-marker-created"));
    fs::remove_all(dir);
}

// What torch_writer writes reads back value for value: every kind it takes, tensors of every
// storage dtype, non-contiguous views (written contiguous), int and string keys.
AVT_TEST(written_archives_read_back)
{
    const fs::path dir = scratchDir();
    const at::Tensor base = torch::arange(12, torch::kFloat32).reshape({3, 4});
    PickleValue list = PickleValue::makeSequence(PickleValue::Kind::List,
                                                 {PickleValue::makeInt(-5), PickleValue::makeInt(300),
                                                  PickleValue::makeInt(70000), PickleValue::makeInt(int64_t(1) << 40),
                                                  PickleValue::makeInt(-(int64_t(1) << 40)), PickleValue::none()});
    PickleValue ints = PickleValue::makeDict();
    ints.pairs->emplace_back(PickleValue::makeInt(7), PickleValue::makeString("seven"));
    PickleValue root = pickleDict({
        {"f", PickleValue::makeFloat(-0.125)},
        {"b", PickleValue::makeBool(true)},
        {"list", list},
        {"tuple", PickleValue::makeSequence(PickleValue::Kind::Tuple, {PickleValue::makeFloat(0.9)})},
        {"ints", ints},
        {"t", PickleValue::makeTensor(base.t())},
        {"half", PickleValue::makeTensor(torch::tensor({1.5, -2.0}).to(torch::kHalf))},
        {"bf16", PickleValue::makeTensor(torch::tensor({3.0}).to(torch::kBFloat16))},
        {"i64", PickleValue::makeTensor(torch::tensor({int64_t(1) << 50}))},
        {"u8", PickleValue::makeTensor(torch::tensor({0, 255}).to(torch::kByte))},
        {"bool", PickleValue::makeTensor(torch::tensor({true, false}))},
        {"scalar", PickleValue::makeTensor(torch::tensor(4.0))},
    });
    const std::string path = (dir / "written.pt").string();
    writeTorchSave(path, root);
    PickleValue back;
    std::string err;
    CHECK(readPickleTree(path, back, &err));
    CHECK(back.find("f") && back.find("f")->real == -0.125);
    CHECK(back.find("b") && back.find("b")->boolean);
    const PickleValue *l = back.find("list");
    CHECK(l && l->items && l->items->size() == 6);
    if (l && l->items && l->items->size() == 6) {
        CHECK((*l->items)[0].integer == -5 && (*l->items)[1].integer == 300 && (*l->items)[2].integer == 70000);
        CHECK((*l->items)[3].integer == (int64_t(1) << 40) && (*l->items)[4].integer == -(int64_t(1) << 40));
        CHECK((*l->items)[5].kind == PickleValue::Kind::None);
    }
    CHECK(back.find("tuple") && back.find("tuple")->kind == PickleValue::Kind::Tuple);
    const PickleValue *in = back.find("ints");
    CHECK(in && in->isDict() && in->dict().size() == 1 && in->dict()[0].first.integer == 7
          && in->dict()[0].second.text == "seven");
    for (const char *name : {"t", "half", "bf16", "i64", "u8", "bool", "scalar"}) {
        const PickleValue *a = back.find(name), *b = root.find(name);
        CHECK(a && a->isTensor());
        if (a && a->isTensor())
            CHECK(a->tensor.scalar_type() == b->tensor.scalar_type() && torch::equal(a->tensor, b->tensor));
    }
    CHECK(back.find("t")->tensor.is_contiguous() && back.find("t")->tensor.sizes() == torch::IntArrayRef({4, 3}));
    // Kinds without a meaning in a checkpoint are refused with a message.
    bool refused = false;
    try {
        writeTorchSave((dir / "bad.pt").string(), pickleDict({{"x", PickleValue::makeGlobal("os.system")}}));
    } catch (const std::runtime_error &e) {
        refused = contains(e.what(), "global os.system");
    }
    CHECK(refused);
    fs::remove_all(dir);
}

int main(int argc, char **argv) { return avt::test::runAll(argc, argv); }
