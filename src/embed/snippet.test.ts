import { describe, expect, it } from 'vitest';
import { iframeSnippet, widgetHeight } from './snippet';

describe('iframeSnippet', () => {
  it('builds a ready-to-paste iframe with the size and title', () => {
    expect(
      iframeSnippet({
        src: 'https://v.example/embed.html?sub=a&rows=5',
        title: 'CI',
        width: 480,
        height: 300,
      }),
    ).toBe(
      '<iframe src="https://v.example/embed.html?sub=a&amp;rows=5" title="CI" width="480" height="300" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>',
    );
  });

  it('escapes attribute values so a title cannot break out of the tag', () => {
    const html = iframeSnippet({ src: 'x', title: '"><script>alert(1)</script>', width: 1, height: 1 });
    expect(html).not.toContain('<script>');
    expect(html).toContain('title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('grows the default height with the number of rows, and makes room for the topic count of the board', () => {
    expect(widgetHeight(10) - widgetHeight(5)).toBe(125);
    expect(widgetHeight(5, 'latest')).toBeGreaterThan(widgetHeight(5, 'log'));
  });

  it('pins a light color-scheme on the iframe of a transparent widget, so no host page makes it opaque', () => {
    const html = iframeSnippet({ src: 'x', title: 't', width: 1, height: 1, transparent: true });
    expect(html).toContain('style="border:0;color-scheme:light"');
  });
});
