// A pure module doing file I/O: the layering check must refuse it.
#pragma once
#include <fstream>
