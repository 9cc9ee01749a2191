// Colour management off in choral-pdf-worker. Reading text needs no colours, yet poppler-cpp
// builds lcms2 transforms for the ICC output profile that every PDF/A (so every Factur-X) carries,
// again for each page: measured on the corpus, 80% of the worker's time. This definition takes
// the place of lcms2's (the worker exports it, and the dynamic linker prefers the executable's
// symbols), so no profile opens and poppler paints ICCBased colours through their alternate
// Device colour space: the text is the same, and rendered previews differ by a shade at most.
extern "C" void* cmsOpenProfileFromMem(const void* /*data*/, unsigned int /*size*/) {
  return nullptr;
}
