// One training step for each full-size preset (batch 1; AVC/AVM need B >= 2 and are off):
// forward, backward, AdamW; the loss on the same batch goes down.
#include "check.h"
#include "model_test_util.h"

#include <torch/torch.h>

using namespace avt::model;

namespace {

void run(const std::string &preset)
{
    auto c = *ModelConfig::preset(preset);
    c.head.classes = 10;
    const auto losses = avt::test::trainSteps(c, 1, 1, 1e-4);
    std::printf("  %s: loss %.4f -> %.4f\n", preset.c_str(), losses.front(), losses.back());
    CHECK(std::isfinite(losses.back()));
    CHECK(losses.back() < losses.front());
}

} // namespace

AVT_TEST(train_step_avt_small) { run("avt-small"); }
AVT_TEST(train_step_mbt_base) { run("mbt-base"); }
AVT_TEST(train_step_avt_base) { run("avt-base"); }
