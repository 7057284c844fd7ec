// ModelConfig: presets, dotted set() with range messages, text round trip, validation.
#include "check.h"

#include "model/config/model_config.h"

using avt::model::ModelConfig;

AVT_TEST(config_presets_exist_and_validate)
{
    for (const auto &name : ModelConfig::presetNames()) {
        auto c = ModelConfig::preset(name);
        CHECK(c.has_value());
        CHECK(c && c->validate().empty());
        CHECK(c && c->name == name);
    }
    CHECK(!ModelConfig::preset("no-such-preset").has_value());
    auto tiny = *ModelConfig::preset("avt-tiny");
    CHECK(tiny.video.frames == 8 && tiny.video.size == 112);
    auto base = *ModelConfig::preset("avt-base");
    CHECK(base.video.depths == (std::vector<int64_t>{5, 8, 20, 7}));
    CHECK(base.fusion.blocks == 4 && base.fusion.tokens == 4);
    CHECK(base.audio.numPatches() == 1212);
}

AVT_TEST(config_set_validates_with_key_and_range)
{
    ModelConfig c;
    std::string err;
    CHECK(c.set("fusion.blocks", "2", &err));
    CHECK(c.fusion.blocks == 2);
    CHECK(!c.set("fusion.blocks", "99", &err));
    CHECK(err.find("fusion.blocks") != std::string::npos && err.find("0..64") != std::string::npos);
    CHECK(c.fusion.blocks == 2);
    CHECK(!c.set("fusion.mode", "sideways", &err));
    CHECK(err.find("fusion.mode") != std::string::npos && err.find("concat") != std::string::npos);
    CHECK(!c.set("audio.depht", "3", &err));
    CHECK(err.find("audio.depht") != std::string::npos);
    CHECK(!c.set("video.depths", "1,2,3", &err));
    CHECK(err.find("video.depths") != std::string::npos);
    CHECK(c.set("video.depths", "3, 4, 8, 3", &err));
    CHECK(c.video.depths == (std::vector<int64_t>{3, 4, 8, 3}));
    CHECK(!c.set("audio.mlp_ratio", "abc", &err));
    CHECK(c.set("head.avm", "off", &err) && !c.head.avm);
    CHECK(c.get("video.depths") == std::optional<std::string>("3,4,8,3"));
    CHECK(!c.get("nope").has_value());
}

AVT_TEST(config_text_round_trip)
{
    auto c = *ModelConfig::preset("mbt-base");
    c.set("audio.frames", "512");
    c.set("audio.mlp_ratio", "3.5");
    ModelConfig back;
    std::string err;
    CHECK(ModelConfig::fromString(c.toString(), back, &err));
    CHECK(back.toMap() == c.toMap());
    CHECK(back.audio.mlpRatio == 3.5 && back.fusion.mode == "mbt");
    CHECK(!ModelConfig::fromString("audio.depth=2\nbroken line\n", back, &err));
    CHECK(err.find("line 2") != std::string::npos);
    CHECK(ModelConfig::keys().size() == c.toMap().size());
}

AVT_TEST(config_whole_validation)
{
    auto c = *ModelConfig::preset("avt-base");
    c.fusion.mode = "mbt"; // needs a ViT video encoder
    CHECK(c.validate().find("fusion.mode") != std::string::npos);
    c = *ModelConfig::preset("avt-base");
    c.audio.heads = 7;
    CHECK(c.validate().find("audio.heads") != std::string::npos);
    c = *ModelConfig::preset("avt-base");
    c.video.enabled = false;
    CHECK(!c.validate().empty()); // avt fusion needs both
    c.fusion.mode = "audio";
    CHECK(c.validate().empty());
}
