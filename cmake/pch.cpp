// The translation unit of majlis_pch, which exists to precompile the shared headers
// (cmake/MajlisCompileSettings.cmake, majlis_share_precompiled_headers).
