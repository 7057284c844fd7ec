// Parity with the official UniFormer and AST definitions on small configurations
// (fixtures: tests/fixtures/gen_model_fixtures.py), tolerance 1e-4.
#include "check.h"
#include "model_test_util.h"

#include <torch/torch.h>

using namespace avt::model;

AVT_TEST(uniformer_matches_official_module)
{
    auto fx = avt::test::loadFixture("uniformer_small");
    VideoConfig v;
    v.frames = 4;
    v.size = 32;
    v.widths = {8, 16, 24, 32};
    v.depths = {1, 1, 1, 1};
    v.headDim = 8;
    Uniformer net(v, 5);
    CHECK(avt::test::loadIntoModule(*net, fx) == 0);
    net->eval();
    torch::NoGradGuard guard;
    auto feats = net->forwardFeatures(fx.at("input"));
    CHECK(feats.sizes() == fx.at("features").sizes());
    CHECK_CLOSE((feats - fx.at("features")).abs().max().item<double>(), 0.0, 1e-4);
    CHECK_CLOSE((net->forward(fx.at("input")) - fx.at("logits")).abs().max().item<double>(), 0.0, 1e-4);
}

AVT_TEST(ast_matches_official_module)
{
    auto fx = avt::test::loadFixture("ast_small");
    AudioConfig a;
    a.melBins = 32;
    a.frames = 48;
    a.width = 32;
    a.depth = 2;
    a.heads = 2;
    AstEncoder net(a, 5);
    CHECK(avt::test::loadIntoModule(*net, fx) == 0);
    net->eval();
    torch::NoGradGuard guard;
    auto logits = net->forward(fx.at("input"));
    CHECK(logits.sizes() == fx.at("logits").sizes());
    CHECK_CLOSE((logits - fx.at("logits")).abs().max().item<double>(), 0.0, 1e-4);
}
