// A pure module reaching up to the server: the layering check must refuse it.
#pragma once
#include "http/server.h"
