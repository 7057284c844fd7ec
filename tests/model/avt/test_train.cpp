// One training setup per fusion mode on avt-tiny: forward, eq. 8 loss, backward, AdamW; the
// loss decreases over a few steps on a fixed batch.
#include "check.h"
#include "model_test_util.h"

using namespace avt::model;

namespace {

void checkDecreases(const ModelConfig &c, int64_t batch, int steps, double lr)
{
    const auto losses = avt::test::trainSteps(c, batch, steps, lr);
    std::printf("  %s/%s: loss %.4f -> %.4f\n", c.name.c_str(), c.fusion.mode.c_str(), losses.front(), losses.back());
    CHECK(std::isfinite(losses.back()));
    CHECK(losses.back() < losses.front());
}

} // namespace

AVT_TEST(train_step_every_fusion_mode_tiny)
{
    for (const std::string mode : {"avt", "concat", "late", "audio", "video"}) {
        auto c = *ModelConfig::preset("avt-tiny");
        c.fusion.mode = mode;
        checkDecreases(c, 4, 3, 1e-3);
    }
    auto c = *ModelConfig::preset("avt-tiny");
    c.fusion.mode = "mbt";
    c.video.encoder = "vit";
    c.video.width = c.audio.width;
    c.video.depth = c.audio.depth;
    c.video.heads = c.audio.heads;
    c.fusion.layer = 1;
    checkDecreases(c, 4, 3, 1e-3);
}

AVT_TEST(all_loss_terms_present_for_avt)
{
    auto c = *ModelConfig::preset("avt-tiny");
    c.head.nounClasses = 3;
    AvtModel net(c);
    auto in = avt::test::randomInputs(c, 3, true);
    auto out = net->forward(in, true);
    auto labels = torch::tensor({0, 1, 2}, torch::kLong);
    auto temp = torch::tensor(0.07, torch::requires_grad());
    auto t =
        computeLosses(*net, in, out, labels, LossWeights{}, labels, temp, at::make_generator<at::CPUGeneratorImpl>(3));
    CHECK(t.cls.defined() && t.avc.defined() && t.avm.defined() && t.masked.defined());
    const double want =
        t.cls.item<double>() + 0.5 * t.avc.item<double>() + 0.1 * t.avm.item<double>() + 0.01 * t.masked.item<double>();
    CHECK_CLOSE(t.total.item<double>(), want, 1e-5);
    t.total.backward();
    CHECK(temp.grad().defined());
    CHECK(net->avm_head->weight.grad().defined());
    CHECK(net->audio_decoder->proj->weight.grad().defined());
    CHECK(net->audio->patch_embed->proj->weight.grad().abs().sum().item<double>() > 0);
}
