// Strings as browsers report them.
export const SWIFTSHADER_GL = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
export const LLVMPIPE_GL = 'llvmpipe (LLVM 15.0.6, 256 bits)';
export const BASIC_RENDER_GL = 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)';
export const NVIDIA_GL = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)';
export const INTEL_GL = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';
export const APPLE_GL = 'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)';
