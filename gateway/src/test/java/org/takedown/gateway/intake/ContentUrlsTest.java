package org.takedown.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.takedown.platform.Platform;

class ContentUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
"""
# Facebook: numeric ids from paths and from story_fbid / fbid / v / id
https://www.facebook.com/SomePage/posts/1234567890123456?__cft__[0]=AZX&__tn__=%2CO%2CP-R | META | https://facebook.com/SomePage/posts/1234567890123456 | 1234567890123456
https://m.facebook.com/story.php?story_fbid=10159876543210987&id=100044123456789&mibextid=Nif5oz | META | https://facebook.com/story.php?story_fbid=10159876543210987&id=100044123456789 | 10159876543210987
https://www.facebook.com/permalink.php?id=100064123456789&story_fbid=pfbid02XyzAbC&rdid=Qw | META | https://facebook.com/permalink.php?id=100064123456789&story_fbid=pfbid02XyzAbC |
https://www.facebook.com/watch/?v=1122334455667788&ref=sharing | META | https://facebook.com/watch?v=1122334455667788 | 1122334455667788
https://www.facebook.com/photo/?fbid=987654321012345&set=a.123456789 | META | https://facebook.com/photo?fbid=987654321012345 | 987654321012345
https://www.facebook.com/photo.php?fbid=987654321012345&set=pb.100.-2207520000&type=3 | META | https://facebook.com/photo.php?fbid=987654321012345 | 987654321012345
https://web.facebook.com/SomePage/videos/556677889900112/?fbclid=IwAR0abcDEF | META | https://web.facebook.com/SomePage/videos/556677889900112 | 556677889900112
https://www.facebook.com/SomePage/photos/a.123456/7890123456/ | META | https://facebook.com/SomePage/photos/a.123456/7890123456 | 7890123456
https://www.facebook.com/reel/1234567890987654?s=yWDuG2&fs=e&mibextid=wwXIfr | META | https://facebook.com/reel/1234567890987654 | 1234567890987654
https://www.facebook.com/profile.php?id=100012345678901&utm_source=share&utm_medium=copy | META | https://facebook.com/profile.php?id=100012345678901 | 100012345678901
https://www.facebook.com/groups/987654321/posts/1239876543210/ | META | https://facebook.com/groups/987654321/posts/1239876543210 | 1239876543210
https://www.facebook.com/groups/987654321/permalink/1239876543210/ | META | https://facebook.com/groups/987654321/permalink/1239876543210 | 1239876543210
https://FACEBOOK.COM./SomePage/posts/123#comments | META | https://facebook.com/SomePage/posts/123 | 123
https://www.facebook.com:443/SomePage/posts/123 | META | https://facebook.com/SomePage/posts/123 | 123
https://www.facebook.com/SomePage/./posts/../posts/123 | META | https://facebook.com/SomePage/posts/123 | 123
https://www.facebook.com/صفحة/posts/123 | META | https://facebook.com/%D8%B5%D9%81%D8%AD%D8%A9/posts/123 | 123
https://www.facebook.com/watch/?v=&ref=sharing | META | https://facebook.com/watch |
https://www.facebook.com/profile.php?story_fbid=&id=100012345678901 | META | https://facebook.com/profile.php?id=100012345678901 | 100012345678901
https://www.m.facebook.com/SomePage/posts/123 | META | https://facebook.com/SomePage/posts/123 | 123
https://www.facebook.com/share/p/1AbCdEfGhI/ | META | https://facebook.com/share/p/1AbCdEfGhI |
https://business.facebook.com/SomePage/ | META | https://business.facebook.com/SomePage |
https://fb.com/SomePage | META | https://fb.com/SomePage |
https://fb.watch/abcDEF123/?mibextid=Nif5oz | META | https://fb.watch/abcDEF123 |
# Instagram shortcodes, Threads, Messenger
https://www.instagram.com/p/C8abcDEFghi/?igsh=MWQ1ZGUxMzBkMA== | META | https://instagram.com/p/C8abcDEFghi | C8abcDEFghi
https://instagram.com/reel/C7xYz_-AbCd/?utm_source=ig_web_copy_link&igshid=MzRlODBiNWFlZA== | META | https://instagram.com/reel/C7xYz_-AbCd | C7xYz_-AbCd
https://www.instagram.com/reels/C7xYz_-AbCd/ | META | https://instagram.com/reels/C7xYz_-AbCd | C7xYz_-AbCd
https://www.instagram.com/reels/audio/1234567890/ | META | https://instagram.com/reels/audio/1234567890 |
https://www.instagram.com/tv/B9aBcDeFgHi/ | META | https://instagram.com/tv/B9aBcDeFgHi | B9aBcDeFgHi
https://www.instagram.com/some.user/p/C8abcDEFghi/?img_index=2 | META | https://instagram.com/some.user/p/C8abcDEFghi | C8abcDEFghi
https://www.instagram.com/some.user/?hl=fr | META | https://instagram.com/some.user |
https://instagr.am/p/C8abcDEFghi | META | https://instagr.am/p/C8abcDEFghi | C8abcDEFghi
https://l.instagram.com/?u=https%3A%2F%2Fevil.example%2F&e=AT0xyz | META | https://l.instagram.com |
https://www.threads.net/@some.user/post/C8abcDEFghi?xmt=AQGzAbC | META | https://threads.net/@some.user/post/C8abcDEFghi |
https://www.threads.com/@some.user | META | https://threads.com/@some.user |
https://www.messenger.com/t/100012345678901/ | META | https://messenger.com/t/100012345678901 |
# TikTok video and photo ids; short links stay unresolved
https://www.tiktok.com/@scam.account/video/7312345678901234567?is_from_webapp=1&sender_device=pc&web_id=7300 | TIKTOK | https://tiktok.com/@scam.account/video/7312345678901234567 | 7312345678901234567
https://m.tiktok.com/@scam.account/video/7312345678901234567/ | TIKTOK | https://tiktok.com/@scam.account/video/7312345678901234567 | 7312345678901234567
https://www.tiktok.com/@scam.account/photo/7398765432109876543?lang=fr | TIKTOK | https://tiktok.com/@scam.account/photo/7398765432109876543 | 7398765432109876543
https://www.tiktok.com/embed/v2/7312345678901234567 | TIKTOK | https://tiktok.com/embed/v2/7312345678901234567 | 7312345678901234567
http://TikTok.com/@x/video/7312345678901234567#top | TIKTOK | https://tiktok.com/@x/video/7312345678901234567 | 7312345678901234567
'  https://www.tiktok.com/@x/video/7312345678901234567  ' | TIKTOK | https://tiktok.com/@x/video/7312345678901234567 | 7312345678901234567
https://vm.tiktok.com/ZMrAbCdEf/ | TIKTOK | https://vm.tiktok.com/ZMrAbCdEf |
https://vt.tiktok.com/ZSYxWvU12/?_r=1 | TIKTOK | https://vt.tiktok.com/ZSYxWvU12 |
https://www.tiktok.com/@scam.account?_t=8nAbC&_r=1 | TIKTOK | https://tiktok.com/@scam.account |
https://www.tiktok.com/ | TIKTOK | https://tiktok.com |
# YouTube video ids from watch?v=, youtu.be, shorts, embed, live
https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be&t=42s | GOOGLE | https://youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
https://m.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ&list=PLx0sYbCqOb8 | GOOGLE | https://youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ | GOOGLE | https://youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
http://www.youtube.com:80/watch?v=dQw4w9WgXcQ&v=a1B2c3D4e5F | GOOGLE | https://youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGh12345&t=10 | GOOGLE | https://youtu.be/dQw4w9WgXcQ | dQw4w9WgXcQ
https://www.youtube.com/shorts/a1B2c3D4e5F?feature=share | GOOGLE | https://youtube.com/shorts/a1B2c3D4e5F | a1B2c3D4e5F
https://www.youtube.com/embed/a1B2c3D4e5F?start=30 | GOOGLE | https://youtube.com/embed/a1B2c3D4e5F | a1B2c3D4e5F
https://www.youtube.com/live/x_Y-z0AbC12?si=Qr7 | GOOGLE | https://youtube.com/live/x_Y-z0AbC12 | x_Y-z0AbC12
https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=xyz | GOOGLE | https://music.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
https://www.youtube.com/watch?v=tooShort | GOOGLE | https://youtube.com/watch?v=tooShort |
https://www.youtube.com/@SomeChannel/videos | GOOGLE | https://youtube.com/@SomeChannel/videos |
https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&si=AbC | GOOGLE | https://youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG |
# Blogger, Drive, Maps, Play: partner known, no content id
https://www.blogger.com/profile/01234567890123456789 | GOOGLE | https://blogger.com/profile/01234567890123456789 |
https://scam-shop.blogspot.com/2024/06/offre-speciale.html?m=1 | GOOGLE | https://scam-shop.blogspot.com/2024/06/offre-speciale.html |
https://www.scam-shop.blogspot.com/ | GOOGLE | https://scam-shop.blogspot.com |
https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/view?usp=sharing | GOOGLE | https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/view |
https://drive.google.com/open?id=1AbCdEfGhIjK&usp=drive_fs | GOOGLE | https://drive.google.com/open?id=1AbCdEfGhIjK |
https://docs.google.com/forms/d/e/1FAIpQLSc_abc/viewform?usp=sf_link#section | GOOGLE | https://docs.google.com/forms/d/e/1FAIpQLSc_abc/viewform |
https://maps.google.com/?cid=12345678901234567890&hl=fr | GOOGLE | https://maps.google.com?cid=12345678901234567890 |
https://maps.app.goo.gl/AbCdEfGhIj12345?g_st=ic | GOOGLE | https://maps.app.goo.gl/AbCdEfGhIj12345 |
https://play.google.com/store/apps/details?id=com.fake.bank&hl=fr&gl=MA | GOOGLE | https://play.google.com/store/apps/details?id=com.fake.bank |
""")
  void locatesPartnerCanonicalUrlAndContentId(
      String url, Platform platform, String canonicalUrl, String contentId) {
    ContentLocation location = ContentUrls.locate(url);

    assertAll(
        () -> assertEquals(platform, location.platform(), "platform"),
        () -> assertEquals(canonicalUrl, location.canonicalUrl(), "canonicalUrl"),
        () -> assertEquals(contentId, location.contentId(), "contentId"));
    assertEquals(
        location,
        ContentUrls.locate(location.canonicalUrl()),
        "a canonical URL is its own canonical form");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
"""
# not http(s)
ftp://facebook.com/file.mp4 | must be an absolute http(s) URL; ftp: URLs are not accepted
mailto:abuse@facebook.com | must be an absolute http(s) URL; mailto: URLs are not accepted
javascript:alert(document.cookie) | must be an absolute http(s) URL; javascript: URLs are not accepted
file:///etc/passwd | must be an absolute http(s) URL; file: URLs are not accepted
# relative, or no host
/SomePage/posts/123 | must be an absolute http(s) URL, such as https://www.tiktok.com/@user/video/123
www.facebook.com/SomePage | must be an absolute http(s) URL, such as https://www.tiktok.com/@user/video/123
https:///posts/123 | must be an absolute http(s) URL with a host
https:facebook.com/SomePage | must be an absolute http(s) URL with a host
https://face_book.com/SomePage | must have a valid host name
https://facebook.com:http/SomePage | must have a valid host name
# garbage and illegal characters
https:// | is not a valid URL: expected authority at index 8
https://www.facebook.com/some page | is not a valid URL: illegal character in path at index 29
https://www.youtube.com/watch?v=<script> | is not a valid URL: illegal character in query at index 32
not a url | is not a valid URL: illegal character in path at index 3
%%% | is not a valid URL: malformed escape pair at index 0
:::: | is not a valid URL: expected scheme name at index 0
# ports other than the default
https://www.facebook.com:8443/SomePage | port 8443 is not accepted: partner content is served on the default http(s) port
http://www.youtube.com:443/watch?v=dQw4w9WgXcQ | port 443 is not accepted: partner content is served on the default http(s) port
# hosts that are not a partner's, look-alikes included
https://example.org/watch?v=dQw4w9WgXcQ | host example.org is not served by Meta, TikTok or Google
https://www.example.org/ | host www.example.org is not served by Meta, TikTok or Google
https://facebook.com.evil.example/SomePage/posts/1 | host facebook.com.evil.example is not served by Meta, TikTok or Google
https://notfacebook.com/SomePage | host notfacebook.com is not served by Meta, TikTok or Google
https://www.youtube.com.phish.example/watch?v=dQw4w9WgXcQ | host www.youtube.com.phish.example is not served by Meta, TikTok or Google
https://tiktok.com-video.example/@x/video/7312345678901234567 | host tiktok.com-video.example is not served by Meta, TikTok or Google
https://facebook.com@evil.example/SomePage | host evil.example is not served by Meta, TikTok or Google
https://mail.google.com/mail/u/0 | host mail.google.com is not served by Meta, TikTok or Google
https://www.google.com/maps/place/Fake+Shop | host www.google.com is not served by Meta, TikTok or Google
https://goo.gl/AbCdEf | host goo.gl is not served by Meta, TikTok or Google
https://blogspot.com/ | host blogspot.com is not served by Meta, TikTok or Google
https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ | host www.youtube-nocookie.com is not served by Meta, TikTok or Google
https://192.168.1.10/SomePage | host 192.168.1.10 is not served by Meta, TikTok or Google
https://[::1]/SomePage | host [::1] is not served by Meta, TikTok or Google
# credentials: public content needs none, and the gateway would store and show them
https://user:secret@www.tiktok.com/@x/video/7312345678901234567 | must not carry a user name or password: public content needs none
https://user@www.facebook.com:443/SomePage/posts/123 | must not carry a user name or password: public content needs none
https://:secret@www.youtube.com/watch?v=dQw4w9WgXcQ | must not carry a user name or password: public content needs none
https://@www.youtube.com/watch?v=dQw4w9WgXcQ | must not carry a user name or password: public content needs none
# percent-encoded control characters, which the canonical URL would keep and send to the partner
https://www.tiktok.com/@x/video/7312345678901234567%00 | must not hold a percent-encoded control character (%00 to %1F, %7F)
https://www.facebook.com/Some%0aPage/posts/123 | must not hold a percent-encoded control character (%00 to %1F, %7F)
https://www.youtube.com/watch?v=dQw4w9WgXcQ%1F | must not hold a percent-encoded control character (%00 to %1F, %7F)
https://www.instagram.com/p/C8abcDEFghi%7f/ | must not hold a percent-encoded control character (%00 to %1F, %7F)
""")
  void refusesUrlsNoPartnerServes(String url, String reason) {
    UnsupportedContentUrlException refused =
        assertThrows(UnsupportedContentUrlException.class, () -> ContentUrls.locate(url));

    assertEquals(reason, refused.getMessage());
  }

  @Test
  void refusesMissingAndBlankUrls() {
    for (String url : new String[] {null, "", "   ", "\t\n"}) {
      UnsupportedContentUrlException refused =
          assertThrows(UnsupportedContentUrlException.class, () -> ContentUrls.locate(url));
      assertEquals("must not be blank", refused.getMessage());
    }
  }

  @Test
  void reasonNeverRepeatsThePathOrQueryOfARefusedUrl() {
    UnsupportedContentUrlException refused =
        assertThrows(
            UnsupportedContentUrlException.class,
            () -> ContentUrls.locate("https://evil.example/victims/jane.doe?email=jane@mail.ma"));

    assertFalse(refused.getMessage().contains("jane"), refused.getMessage());
  }

  @Test
  void answersEveryMangledUrlWithALocationOrAReasonAndNeverWithAnotherException() {
    List<String> seeds =
        List.of(
            "https://www.facebook.com/story.php?story_fbid=101&id=202&fbclid=x#c",
            "https://m.facebook.com/SomePage/videos/vb.1/556677889900112/?v=9",
            "https://www.instagram.com/some.user/p/C8abcDEFghi/?igsh=MWQ1ZGUxMzBkMA==",
            "https://www.tiktok.com/@scam.account/video/7312345678901234567?lang=fr",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&si=x",
            "https://youtu.be/dQw4w9WgXcQ?si=AbC",
            "https://scam-shop.blogspot.com/2024/06/offre.html?m=1",
            "https://play.google.com/store/apps/details?id=com.fake.bank&hl=fr");
    String alphabet = "wm./:?#&=@%[]\\ \t\"<>{}|^`~_-0123456789aAzZé\u0000\u200b";
    Random random = new Random(20240620L);
    for (int attempt = 0; attempt < 20_000; attempt++) {
      StringBuilder mangled = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edit = random.nextInt(4); edit >= 0; edit--) {
        int at = random.nextInt(mangled.length());
        char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> mangled.insert(at, replacement);
          case 1 -> mangled.deleteCharAt(at);
          default -> mangled.setCharAt(at, replacement);
        }
      }
      String url = mangled.toString();
      try {
        ContentLocation location = ContentUrls.locate(url);
        assertEquals(location, ContentUrls.locate(location.canonicalUrl()), url);
      } catch (UnsupportedContentUrlException refused) {
        assertFalse(refused.getMessage().isBlank(), url);
      } catch (RuntimeException unexpected) {
        fail("unexpected exception for " + url, unexpected);
      }
    }
  }
}
