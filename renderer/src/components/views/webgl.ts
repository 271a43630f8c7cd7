let hardware: boolean | null = null;

/**
 * WebGL drawn by a GPU: cytoscape's WebGL renderer then pans thousands of elements smoothly. A
 * software rasteriser (SwiftShader, llvmpipe: no GPU, or a blocklisted one) is slower than the canvas.
 */
export function hardwareWebgl(): boolean {
  if (hardware !== null) return hardware;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  hardware = renderer !== '' && !/swiftshader|llvmpipe|software/i.test(renderer);
  return hardware;
}
