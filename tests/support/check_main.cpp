#include "check.h"

#include <torch/torch.h>

int main(int argc, char **argv)
{
    torch::manual_seed(0);
    return avt::test::runAll(argc, argv);
}
